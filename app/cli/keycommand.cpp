#include "keycommand.h"

#include "clioutput.h"
#include "crypto/keyring.h"

#include <QDir>
#include <QJsonObject>

namespace lanpigeon::cli {

std::optional<int> KeyCommand::start(const Invocation &invocation)
{
    const QString dir = invocation.config.profileDir;
    crypto::KeyRing ring;
    const crypto::KeyRing::OpenResult opened = ring.open(dir);
    if (!opened.ok) {
        say(QStringLiteral("cannot open the key in %1: %2")
                .arg(QDir::toNativeSeparators(dir), opened.error));
        return 1;
    }
    const QString fingerprint = ring.ourFingerprint().toString();
    if (invocation.json) {
        outJson({{QStringLiteral("fingerprint"), fingerprint},
                 {QStringLiteral("generated"), opened.generated},
                 {QStringLiteral("profile"), dir}});
    } else {
        if (opened.generated)
            say(QStringLiteral("made a new key in %1").arg(QDir::toNativeSeparators(dir)));
        out(fingerprint);
    }
    return 0;
}

} // namespace lanpigeon::cli
