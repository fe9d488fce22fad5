#include "securitydialog.h"

#include "crypto/keyring.h"
#include "messenger.h"
#include "models/peermodel.h"
#include "securitymark.h"
#include "theme.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>
#include <functional>

namespace lanpigeon::ui {

namespace {

QPushButton *copyButton(QLabel *from, const std::function<QString()> &text)
{
    auto *copy = new QPushButton(SecurityDialog::tr("Copy"));
    copy->setToolTip(SecurityDialog::tr("Copy the fingerprint"));
    QObject::connect(copy, &QPushButton::clicked, from,
                     [text] { QApplication::clipboard()->setText(text()); });
    return copy;
}

} // namespace

SecurityDialog::SecurityDialog(Messenger *messenger, const QString &peerId, QWidget *parent)
    : QDialog(parent)
    , m_messenger(messenger)
    , m_peerId(peerId)
    , m_icon(new QLabel)
    , m_state(new QLabel)
    , m_theirsCaption(new QLabel)
    , m_theirs(fingerprintLabel())
    , m_pinnedCaption(new QLabel)
    , m_pinned(fingerprintLabel())
    , m_changed(new QLabel)
    , m_ours(fingerprintLabel())
    , m_how(new QLabel)
    , m_verify(new QPushButton(tr("Mark as verified")))
    , m_copyTheirs(copyButton(m_theirs, [this] { return shownKey().toString(); }))
    , m_copyOurs(copyButton(m_ours, [this] { return m_messenger->ourFingerprint().toString(); }))
{
    m_copyTheirs->setObjectName(QStringLiteral("copyTheirFingerprint"));
    m_copyOurs->setObjectName(QStringLiteral("copyOurFingerprint"));
    m_state->setObjectName(QStringLiteral("encryptionState"));
    m_theirs->setObjectName(QStringLiteral("theirFingerprint"));
    m_pinned->setObjectName(QStringLiteral("pinnedFingerprint"));
    m_ours->setObjectName(QStringLiteral("ourFingerprint"));
    m_changed->setObjectName(QStringLiteral("keyChangedNote"));
    m_verify->setObjectName(QStringLiteral("markVerified"));
    m_how->setObjectName(QStringLiteral("howToVerify"));
    m_state->setWordWrap(true);
    m_changed->setWordWrap(true);
    m_how->setWordWrap(true);
    m_how->setForegroundRole(QPalette::PlaceholderText);
    theme::showAsError(m_changed, true);
    m_verify->setAutoDefault(false);

    auto *top = new QHBoxLayout;
    top->addWidget(m_icon, 0, Qt::AlignTop);
    top->addWidget(m_state, 1);
    auto *keys = new QGridLayout;
    keys->addWidget(m_theirsCaption, 0, 0, Qt::AlignTop);
    keys->addWidget(m_theirs, 0, 1);
    keys->addWidget(m_copyTheirs, 0, 2, Qt::AlignTop);
    keys->addWidget(m_pinnedCaption, 1, 0, Qt::AlignTop);
    keys->addWidget(m_pinned, 1, 1);
    keys->addWidget(m_changed, 2, 1, 1, 2);
    keys->addWidget(new QLabel(tr("Your key:")), 3, 0, Qt::AlignTop);
    keys->addWidget(m_ours, 3, 1);
    keys->addWidget(m_copyOurs, 3, 2, Qt::AlignTop);
    keys->setColumnStretch(1, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    buttons->addButton(m_verify, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_verify, &QPushButton::clicked, this,
            [this] { m_messenger->markKeyVerified(m_peerId); });

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(keys);
    layout->addWidget(m_how);
    layout->addWidget(buttons);

    PeerModel *peers = m_messenger->peerModel();
    connect(peers, &QAbstractItemModel::dataChanged, this, &SecurityDialog::refresh);
    connect(peers, &QAbstractItemModel::rowsInserted, this, &SecurityDialog::refresh);
    connect(peers, &QAbstractItemModel::rowsRemoved, this, &SecurityDialog::refresh);
    refresh();
}

SecurityDialog::~SecurityDialog() = default;

QLabel *SecurityDialog::fingerprintLabel()
{
    auto *label = new QLabel;
    // Every digit as wide as the next: the groups line up across the two lines.
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setStyleHint(QFont::TypeWriter);
    mono.setFixedPitch(true);
    label->setFont(mono);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setTextFormat(Qt::PlainText);
    return label;
}

QString SecurityDialog::readable(const crypto::Fingerprint &fingerprint)
{
    if (fingerprint.isNull())
        return tr("(no key yet)");
    // Sixteen groups in one line are too many to keep one's place in while reading aloud.
    const QStringList groups = fingerprint.toString().split(QLatin1Char(' '));
    return groups.mid(0, 8).join(QLatin1Char(' ')) + QLatin1Char('\n') +
           groups.mid(8).join(QLatin1Char(' '));
}

void SecurityDialog::setLastKnown(const Peer &peer)
{
    if (m_messenger->peerModel()->find(m_peerId))
        return;
    m_peer = peer;
    m_known = true;
    refresh();
}

crypto::Fingerprint SecurityDialog::shownKey() const
{
    return m_peer.key.current.isNull() ? m_peer.key.pinned : m_peer.key.current;
}

void SecurityDialog::refresh()
{
    if (const Peer *p = m_messenger->peerModel()->find(m_peerId)) {
        m_peer = *p;
        m_known = true;
    }
    const QString name = m_known ? m_peer.displayName() : m_peerId;
    setWindowTitle(tr("Security — %1").arg(name));
    const SecurityMark::Mark mark = SecurityMark::forPeer(m_peer);
    m_icon->setPixmap(SecurityMark::pixmap(mark, palette(), palette().color(QPalette::Window), 22,
                                           devicePixelRatioF()));
    const bool online = m_messenger->peerModel()->find(m_peerId) != nullptr;
    QString state = m_known ? SecurityMark::describe(m_peer) : tr("%1 is offline.").arg(name);
    if (mark == SecurityMark::Mark::Verified || mark == SecurityMark::Mark::Closed) {
        state += QLatin1Char(' ') + (mark == SecurityMark::Mark::Verified
                                         ? tr("You marked its key as verified.")
                                         : tr("Nobody has compared its key yet."));
    }
    m_state->setText(state);
    const crypto::PeerKeyState &key = m_peer.key;
    const bool changed = key.trust == crypto::KeyTrust::Changed;
    const crypto::Fingerprint theirs = shownKey();
    m_theirsCaption->setText(changed ? tr("%1's key now:").arg(name) : tr("%1's key:").arg(name));
    // iptux and FeiQ have no key, and will not get one: "(no key yet)" would promise one.
    const bool keyless = m_known && !m_peer.canEncrypt && theirs.isNull();
    m_theirs->setText(keyless ? tr("(none: %1 cannot encrypt)").arg(name) : readable(theirs));
    m_pinnedCaption->setVisible(changed);
    m_pinned->setVisible(changed);
    m_pinned->setText(readable(key.pinned));
    m_changed->setVisible(changed);
    // Keys are remembered by user@host, which someone new may share with a known peer.
    const QString keyId = crypto::KeyRing::peerKeyId(m_peer.user, m_peer.host);
    m_pinnedCaption->setText(tr("Key remembered for %1:").arg(keyId));
    m_changed->setText(
        tr("This is not the key remembered for %2, the login and computer name %1 uses. Someone "
           "else may be posing as them, they installed LanPigeon again, or they are someone new "
           "with the same login and computer name. Do not trust new messages until you have "
           "compared it.")
            .arg(name, keyId));
    // "(no key yet)" is no fingerprint: copied, it would be pasted and read as one.
    m_copyTheirs->setEnabled(!theirs.isNull());
    m_copyTheirs->setToolTip(
        theirs.isNull() ? tr("%1 has shown no key yet: there is no fingerprint to copy").arg(name)
                        : tr("Copy the fingerprint"));
    const crypto::Fingerprint ours = m_messenger->ourFingerprint();
    m_ours->setText(readable(ours));
    m_copyOurs->setEnabled(!ours.isNull());
    m_copyOurs->setToolTip(ours.isNull() ? tr("Your key is not made yet: there is no fingerprint "
                                              "to copy")
                                         : tr("Copy the fingerprint"));
    QString how = tr("To verify, call or meet %1 and read the fingerprints aloud to each other. "
                     "If theirs matches the one here, mark it as verified.")
                      .arg(name);
    // The key ring marks the key the peer shows now: it must be here to show it.
    if (!online && key.trust != crypto::KeyTrust::Verified && !theirs.isNull())
        how += QLatin1Char(' ') +
               tr("%1 is offline now: this can be done when they are back.").arg(name);
    m_how->setText(how);
    m_how->setVisible(!keyless);
    m_verify->setEnabled(online && !theirs.isNull() && key.trust != crypto::KeyTrust::Verified);
    m_verify->setText(key.trust == crypto::KeyTrust::Verified ? tr("Verified")
                                                              : tr("Mark as verified"));
    // A top-level window does not grow for its wrapped labels by itself: after "Mark as
    // verified" the longer state pushed the fingerprints out of sight. Fitted again only when
    // the words change, so a size the user chose stays while other peers come and go.
    const QString shown = m_state->text() + m_theirs->text() + m_how->text() +
                          QString::number(int(changed)) + m_theirsCaption->text();
    if (shown != m_fittedTo) {
        m_fittedTo = shown;
        adjustSize();
        resize(width(), qMax(height(), sizeHint().height()));
    }
}

} // namespace lanpigeon::ui
