// Our key pair and the keys pinned for peers on first sight (trust on first use), in the profile.
#pragma once

#include "crypto/fingerprint.h"
#include "crypto/rsakey.h"

#include <QHash>
#include <QHostAddress>
#include <QList>
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
    // The pinned key it is judged against: its own unless Changed, then the pin last seen at
    // its address (or its user@host's first).
    Fingerprint pinned;
    // The key it showed last; differs from pinned only when Changed.
    Fingerprint current;
    // A message of it came encrypted once: plain text from it now is a downgrade.
    bool encryptedBefore = false;
};

// Thread-safe: every method takes the ring's lock, so the network thread and the transfer
// threads share one ring; the keys shown per address:port live in it for that reason. Pins are
// saved (mode 0600) on every change; a failed save is reported by the method's result and the pin
// kept in memory.
class KeyRing final
{
    Q_DISABLE_COPY_MOVE(KeyRing)

public:
    // Holds ours in memory only, pins nothing to disk: for tests and profile-less nodes.
    explicit KeyRing(const RsaKey &ours = {});
    // Writes the pins still pending.
    ~KeyRing();

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

    // The peer at peerId (Peer::makeId of address and port) showed key as keyId (user@host) in
    // an ANSPUBKEY: from now on its messages are sealed to and checked with this key, whatever
    // other addresses show under keyId. Trust is judged by keyId, whose pin may hold several
    // keys (machines cloned with one login and host name): a key pinned under it is Pinned or
    // Verified; the first key is pinned; another one is pinned too only when no pinned key was
    // last seen at this address and a pinned key of keyId is shown from a different address in
    // this run (two machines at once), and is Changed otherwise (the same machine with a new
    // key, or the known key is not around). Returns peerId's state.
    PeerKeyState present(const QString &keyId, const RsaKey &key, const QString &peerId,
                         const QHostAddress &address);
    // present() writes the pin file at most once a second: meeting 200 hosts at once rewrote
    // the whole file for each key, quadratic in hosts. This writes pins still pending; the key
    // exchange calls it a second after the keys it learnt.
    void flushPins();
    // The peer at peerId is gone: its key is no longer live (nor vouches for a clone's).
    void forget(const QString &peerId);
    // The key peerId showed in this run; null if none.
    RsaKey keyAt(const QString &peerId) const;
    // The keys shown in this run as keyId from address (several only when instances share it).
    QList<RsaKey> keysFrom(const QHostAddress &address, const QString &keyId) const;
    // How far key, shown as keyId, is trusted; no fingerprints computed (cheap).
    KeyTrust trustOf(const QString &keyId, const RsaKey &key) const;
    // The state of the key peerId shows, judged against the pins of its user@host.
    PeerKeyState stateAt(const QString &peerId) const;
    // keyId's state: of the key it showed last in this run, else of its first pin.
    PeerKeyState state(const QString &keyId) const;
    // Whether a key with this fingerprint is pinned under keyId, verified or not.
    bool hasPin(const QString &keyId, const Fingerprint &fingerprint) const;
    // The user compared the fingerprint of the key peerId shows now: pin it under its
    // user@host as verified, dropping an unverified pin last seen at that same address.
    bool markVerified(const QString &peerId);
    // A message from keyId came encrypted: later plain text from it is a downgrade.
    void noteEncrypted(const QString &keyId);
    // Whether plain text from peerId at address, as keyId, is another instance's and not a
    // downgrade: the clone rule of present() for text. True when peerId showed no key in this
    // run, no pinned key of keyId was last seen at address, and another address:port shows
    // keyId's key right now (one login on two machines, one not encrypting). Plain text from an
    // address that encrypted, or with no encrypting instance around, is a downgrade.
    bool plainIsAnotherInstance(const QString &keyId, const QString &peerId,
                                const QHostAddress &address) const;
    // Replay check for encrypted file requests: true (and remembered) only when
    // requestPacketNo is above every earlier one signed by signer from address; in memory
    // only. Per key and address, not per user@host: clones count their packets apart.
    bool acceptFileRequest(const RsaKey &signer, const QHostAddress &address,
                           quint64 requestPacketNo);

private:
    struct PinnedKey
    {
        QByteArray der;
        bool verified = false;
        // Where it was shown last (an address, no port): a new key from there replaces it.
        QString address;
    };
    struct Pin
    {
        QList<PinnedKey> keys;
        bool encryptedBefore = false;
        // Keys judged Changed (public DER, oldest first): they stay Changed in later runs until
        // verified, and are never pinned as a clone's, so a warning cannot lapse by a restart.
        QList<QByteArray> disputed;
        // The peer id that showed a key as this user@host last in this run.
        QString lastShownBy;
    };
    // What one address:port showed in this run.
    struct Shown
    {
        QString keyId;
        RsaKey key;
        QByteArray der;
        QHostAddress address;
    };
    static int indexOf(const Pin &pin, const QByteArray &der);
    // The key pinned under pin that was shown last from address (the latest pinned, if
    // several), or null: a new key from there is that machine's, changed, and never a clone's.
    static const PinnedKey *pinnedAt(const Pin &pin, const QString &address);
    static PeerKeyState stateOf(const Pin &pin, const Shown &shown);
    bool liveElsewhereLocked(const QString &keyId, const QByteArray &der,
                             const QString &peerId) const;
    bool saveLocked() const;

    mutable QMutex m_lock;
    // On the monotonic clock; -1 before the first save.
    mutable qint64 m_savedMs = -1;
    mutable bool m_pinsPending = false;
    RsaKey m_ours;
    QString m_pinPath;
    QHash<QString, Pin> m_pins;
    QHash<QString, Shown> m_shown;
    // By signer's DER and the address it asked from.
    QHash<QPair<QByteArray, QString>, quint64> m_lastFileRequest;
};

} // namespace lanpigeon::crypto

Q_DECLARE_METATYPE(lanpigeon::crypto::KeyTrust)
