// A peer's encryption in detail: whether it encrypts, its key's fingerprint beside ours to read
// aloud, the key remembered before if it changed, and "Mark as verified".
#pragma once

#include "crypto/fingerprint.h"
#include "messaging/peer.h"

#include <QDialog>

class QLabel;
class QPushButton;

namespace lanpigeon {
class Messenger;
} // namespace lanpigeon

namespace lanpigeon::ui {

class SecurityDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecurityDialog)

public:
    // Follows the peer as it changes; shows what it knew last while the peer is offline.
    SecurityDialog(Messenger *messenger, const QString &peerId, QWidget *parent = nullptr);
    ~SecurityDialog() override;

    QString peerId() const { return m_peerId; }
    // What the peer showed when last online, for a dialog opened while it is offline.
    void setLastKnown(const Peer &peer);
    QLabel *stateLabel() const { return m_state; }
    QLabel *theirFingerprint() const { return m_theirs; }
    // Shown only while the key changed: the one remembered before.
    QLabel *pinnedFingerprint() const { return m_pinned; }
    QLabel *ourFingerprint() const { return m_ours; }
    QPushButton *verifyButton() const { return m_verify; }

    // The fingerprint in two lines of eight groups, to read aloud; a note when there is none.
    static QString readable(const crypto::Fingerprint &fingerprint);
    // A label for a fingerprint: monospace, selectable with mouse and keyboard.
    static QLabel *fingerprintLabel();

private:
    void refresh();
    // The key the peer shows now, else the one pinned for it; null without either.
    crypto::Fingerprint shownKey() const;

    Messenger *m_messenger;
    QString m_peerId;
    Peer m_peer;
    bool m_known = false;
    QLabel *m_icon;
    QLabel *m_state;
    QLabel *m_theirsCaption;
    QLabel *m_theirs;
    QLabel *m_pinnedCaption;
    QLabel *m_pinned;
    QLabel *m_changed;
    QLabel *m_ours;
    QLabel *m_how;
    QPushButton *m_verify;
    QPushButton *m_copyTheirs;
    QPushButton *m_copyOurs;
    // What the dialog was last fitted to show.
    QString m_fittedTo;
};

} // namespace lanpigeon::ui
