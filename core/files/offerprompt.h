// The question "accept these files?": the GUI asks the user, the CLI and tests answer by rule.
#pragma once

#include "files/fileoffer.h"

namespace lanpigeon {

class Messenger;

class OfferPrompt
{
public:
    virtual ~OfferPrompt() = default;
    // Answer with messenger.acceptOffer() or rejectOffer(), now or later; never block.
    virtual void ask(const FileOffer &offer, Messenger &messenger) = 0;
};

} // namespace lanpigeon
