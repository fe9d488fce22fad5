#include "securitymark.h"

#include "messaging/peer.h"
#include "theme.h"

#include <QPainter>
#include <QPalette>

namespace lanpigeon::ui {

namespace {

using Mark = SecurityMark::Mark;

QString path(Mark mark)
{
    switch (mark) {
    case Mark::Open:
        return QStringLiteral(":/icons/lock-open.svg");
    case Mark::Closed:
        return QStringLiteral(":/icons/lock-closed.svg");
    case Mark::Verified:
        return QStringLiteral(":/icons/lock-verified.svg");
    case Mark::Warning:
        break;
    }
    return QStringLiteral(":/icons/warning.svg");
}

} // namespace

Mark SecurityMark::forPeer(const Peer &peer)
{
    switch (peer.key.trust) {
    case crypto::KeyTrust::Changed:
        return Mark::Warning;
    case crypto::KeyTrust::Verified:
        return peer.canEncrypt ? Mark::Verified : Mark::Open;
    case crypto::KeyTrust::Pinned:
        return peer.canEncrypt ? Mark::Closed : Mark::Open;
    case crypto::KeyTrust::Unknown:
        break;
    }
    return Mark::Open;
}

QString SecurityMark::describe(const Peer &peer)
{
    const QString name = peer.displayName();
    switch (forPeer(peer)) {
    case Mark::Warning:
        //: Keys are remembered by login and computer name, which a new person may share
        return tr("Warning: the key of %1's login and computer name has changed. Compare "
                  "fingerprints before trusting new messages.")
            .arg(name);
    case Mark::Verified:
        return tr("Encrypted and verified: messages with %1 are encrypted and signed, and you "
                  "compared the key's fingerprint.")
            .arg(name);
    case Mark::Closed:
        return tr("Encrypted: messages with %1 are encrypted and signed.").arg(name);
    case Mark::Open:
        break;
    }
    if (peer.canEncrypt)
        return tr("Not encrypted yet: %1's key has not arrived.").arg(name);
    return tr("Not encrypted: %1 (%2) cannot encrypt, so messages and files cross the network "
              "in clear text.")
        .arg(name, ipmsg::clientKindName(peer.kind));
}

QColor SecurityMark::color(Mark mark, const QPalette &palette, const QColor &background)
{
    switch (mark) {
    case Mark::Open:
        return theme::dimText(palette, background);
    case Mark::Closed:
    case Mark::Verified:
        return theme::toneText(theme::Tone::Success, background);
    case Mark::Warning:
        break;
    }
    return theme::toneText(theme::Tone::Error, background);
}

QPixmap SecurityMark::pixmap(Mark mark, const QPalette &palette, const QColor &background, int size,
                             qreal devicePixelRatio)
{
    return pixmap(mark, color(mark, palette, background), size, devicePixelRatio);
}

QPixmap SecurityMark::pixmap(Mark mark, const QColor &color, int size, qreal devicePixelRatio)
{
    // The shapes are drawn in one colour; the palette gives the colour, so one file serves
    // light and dark themes alike.
    QPixmap shape = QIcon(path(mark)).pixmap(QSize(size, size), devicePixelRatio);
    QPainter p(&shape);
    p.setCompositionMode(QPainter::CompositionMode_SourceIn);
    p.fillRect(QRectF(QPointF(0, 0), QSizeF(size, size)), color);
    p.end();
    return shape;
}

QIcon SecurityMark::icon(Mark mark, const QPalette &palette, const QColor &background)
{
    QIcon icon;
    for (const int size : {16, 22, 32})
        icon.addPixmap(pixmap(mark, palette, background, size, 1));
    return icon;
}

QString SecurityMark::warningText(SecurityWarning warning, const QString &sender)
{
    switch (warning) {
    case SecurityWarning::KeyChanged:
        //: Keys are remembered by login and computer name, which a new person may share
        return tr("Not verified: signed with a key other than the one remembered for %1's login "
                  "and computer name. This message may not be from %1.")
            .arg(sender);
    case SecurityWarning::BadSignature:
        return tr("Not verified: its signature does not match %1's key. This message may not be "
                  "from %1, or was changed on the way.")
            .arg(sender);
    case SecurityWarning::NotSigned:
        return tr("Not verified: it is not signed, so it may not be from %1.").arg(sender);
    case SecurityWarning::Downgrade:
        return tr("Not verified: sent in clear text, although messages from %1's login and "
                  "computer name came encrypted before. It may not be from %1.")
            .arg(sender);
    case SecurityWarning::Undecryptable:
        return tr("Could not be decrypted: it was damaged on the way or encrypted for another "
                  "key. Nothing of it can be shown.");
    case SecurityWarning::None:
        break;
    }
    return {};
}

} // namespace lanpigeon::ui
