// Our key pair and the keys pinned for peers on first sight (trust on first use), in the profile.
#pragma once

#include "crypto/fingerprint.h"
#include "crypto/rsakey.h"

#include <QHash>
#include <QMutex>
#include <QString>

namespace lanpigeon::crypto {

// What we know of the key of one peer, by user@host (not by address: a DHCP lease changes).
enum class KeyTrust
{
    // No key seen yet.
    Unknown = 0,
    // The first key it showed, remembered; nobody compared it.
    Pinned = 1,
    // The user compared fingerprints and marked it verified.
    Verified = 2,
    // It now shows a key other than the pinned one: someone may be posing as it.
    Changed = 3,
};

struct PeerKeyState
{
    KeyTrust trust = KeyTrust::Unknown;
    // The key remembered for it (first seen, or the one the user verified).
    Fingerprint pinned;
    // The key it showed last; differs from pinned only when Changed.
    Fingerprint current;
    // A message of it came encrypted once: plain text from it now is a downgrade.
    bool encryptedBefore = false;
};

// Thread-safe: every method takes the ring's lock, so the network thread and the transfer
// threads share one ring. Pins are saved (mode 0600) on every change; a failed save is reported
// by the method's result and the pin kept in memory.
class KeyRing final
{
    Q_DISABLE_COPY_MOVE(KeyRing)

public:
    // Holds ours in memory only, pins nothing to disk: for tests and profile-less nodes.
    explicit KeyRing(const RsaKey &ours = {});

    struct OpenResult
    {
        bool ok = false;
        // Why not, for the user (a file that is not a key, a folder we cannot write).
        QString error;
        // A new key pair was made: the first start of this profile.
        bool generated = false;
    };
    // Loads profileDir/identity.pem, or makes a key pair there (0600, slow: not on the GUI
    // thread), and the pins from profileDir/pinned-keys.json. A corrupt pin file is moved
    // aside and reported, never silently emptied.
    OpenResult open(const QString &profileDir);

    RsaKey ourKey() const;
    Fingerprint ourFingerprint() const;

    // "user@host", the key pins are kept under.
    static QString peerKeyId(const QString &user, const QString &host);

    // peer showed key (an ANSPUBKEY): the first key is pinned; another is Changed (the pin
    // stays until the user verifies the new one). Returns the state after.
    PeerKeyState present(const QString &peer, const RsaKey &key);
    // The key peer showed last (or its pin, from an earlier run); null if none.
    RsaKey keyFor(const QString &peer) const;
    PeerKeyState state(const QString &peer) const;
    // The user compared the fingerprint of the key peer shows now: pin it, Verified.
    bool markVerified(const QString &peer);
    // A message from peer came encrypted: later plain text from it is a downgrade.
    void noteEncrypted(const QString &peer);
    // Replay check for encrypted file requests: true (and remembered) only when
    // requestPacketNo is above every earlier one from peer; in memory only.
    bool acceptFileRequest(const QString &peer, quint64 requestPacketNo);

private:
    struct Pin
    {
        QByteArray pinnedDer;
        RsaKey current;
        bool verified = false;
        bool encryptedBefore = false;
    };
    bool saveLocked() const;

    mutable QMutex m_lock;
    RsaKey m_ours;
    QString m_pinPath;
    QHash<QString, Pin> m_pins;
    QHash<QString, quint64> m_lastFileRequest;
};

} // namespace lanpigeon::crypto
