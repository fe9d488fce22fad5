// The lock and warning marks of encryption, and their words: one place decides which a peer or
// a message gets, so the header, the tab, the bubbles and the dialog never disagree.
#pragma once

#include "messaging/chatmessage.h"

#include <QColor>
#include <QCoreApplication>
#include <QIcon>
#include <QPixmap>
#include <QString>

class QPalette;

namespace lanpigeon {
struct Peer;
} // namespace lanpigeon

namespace lanpigeon::ui {

class SecurityMark final
{
    Q_DECLARE_TR_FUNCTIONS(SecurityMark)

public:
    enum class Mark
    {
        // Clear text: the peer cannot encrypt (iptux, FeiQ), or its key has not come yet.
        Open,
        // Encrypted; nobody compared the key.
        Closed,
        // Encrypted, and the user compared the fingerprint.
        Verified,
        // Its key changed, or a message could not be trusted.
        Warning,
    };

    // What a chat with peer shows.
    static Mark forPeer(const Peer &peer);
    // The mark in words, for a tooltip: which it is and what that means.
    static QString describe(const Peer &peer);

    // The mark tinted for background: green when encrypted, grey when clear, red for a warning,
    // each as readable on it as text (theme::toneText).
    static QColor color(Mark mark, const QPalette &palette, const QColor &background);
    static QPixmap pixmap(Mark mark, const QPalette &palette, const QColor &background, int size,
                          qreal devicePixelRatio);
    // The mark in a colour of the caller's (a bubble's quiet one).
    static QPixmap pixmap(Mark mark, const QColor &color, int size, qreal devicePixelRatio);
    static QIcon icon(Mark mark, const QPalette &palette, const QColor &background);

    // Why an Unverified message cannot be trusted, naming its sender; empty for any other.
    static QString warningText(SecurityWarning warning, const QString &sender);
};

} // namespace lanpigeon::ui
