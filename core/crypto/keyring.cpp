#include "crypto/keyring.h"

#include "common/clock.h"

#include "crypto/cryptolog.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <algorithm>

namespace lanpigeon::crypto {

namespace {

constexpr auto OwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                           QFileDevice::ReadUser | QFileDevice::WriteUser;
constexpr auto GroupOrOther = QFileDevice::ReadGroup | QFileDevice::WriteGroup |
                              QFileDevice::ExeGroup | QFileDevice::ReadOther |
                              QFileDevice::WriteOther | QFileDevice::ExeOther;
constexpr qint64 MaxFile = 16 * 1024 * 1024;
// Changed keys remembered per user@host; a flood of new keys drops the oldest.
constexpr int MaxDisputed = 16;

// Tightens a file others could read; the key or the pins must not leak through a loose umask.
void ownerOnly(const QString &path)
{
    QFile file(path);
    if (file.permissions() & GroupOrOther)
        file.setPermissions(OwnerOnly);
}

// Writes data with mode 0600 from the first byte on: the temporary file is restricted before
// anything is written into it, then renamed over the old one.
bool writePrivate(const QString &path, const QByteArray &data, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(OwnerOnly) ||
        file.write(data) != data.size() || !file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace

KeyRing::KeyRing(const RsaKey &ours)
    : m_ours(ours)
{
}

KeyRing::~KeyRing()
{
    flushPins();
}

void KeyRing::flushPins()
{
    QMutexLocker locker(&m_lock);
    if (m_pinsPending && !saveLocked())
        qCWarning(lcCrypto) << "could not save the pins";
}

KeyRing::OpenResult KeyRing::open(const QString &profileDir)
{
    OpenResult result;
    if (!QDir().mkpath(profileDir)) {
        result.error = QCoreApplication::translate("crypto", "Cannot create the profile folder %1.")
                           .arg(profileDir);
        return result;
    }
    const QDir dir(profileDir);
    const QString keyPath = dir.filePath(QStringLiteral("identity.pem"));
    const QString pinPath = dir.filePath(QStringLiteral("pinned-keys.json"));

    // The slow part (reading or making the key) runs without the lock.
    RsaKey ours;
    if (QFileInfo::exists(keyPath)) {
        ownerOnly(keyPath);
        QFile file(keyPath);
        if (!file.open(QIODevice::ReadOnly)) {
            result.error = QCoreApplication::translate("crypto", "Cannot read %1: %2")
                               .arg(keyPath, file.errorString());
            return result;
        }
        const auto key = RsaKey::fromPem(file.read(MaxFile));
        if (!key || !key->hasPrivate()) {
            result.error =
                QCoreApplication::translate("crypto", "%1 is not a private key LanPigeon can use.")
                    .arg(keyPath);
            return result;
        }
        ours = *key;
    } else {
        ours = RsaKey::generate(2048);
        QString why;
        if (ours.isNull()) {
            result.error = QCoreApplication::translate("crypto", "Cannot make a key pair.");
            return result;
        }
        if (!writePrivate(keyPath, ours.privatePem(), &why)) {
            result.error =
                QCoreApplication::translate("crypto", "Cannot write %1: %2").arg(keyPath, why);
            return result;
        }
        result.generated = true;
        qCInfo(lcCrypto) << "made a key pair" << ours.fingerprint().toString();
    }

    QHash<QString, Pin> pins;
    if (QFileInfo::exists(pinPath)) {
        ownerOnly(pinPath);
        QFile file(pinPath);
        bool corrupt = true;
        if (file.open(QIODevice::ReadOnly)) {
            const QJsonDocument doc = QJsonDocument::fromJson(file.read(MaxFile));
            file.close();
            const QJsonObject peers = doc.object().value(QStringLiteral("peers")).toObject();
            const int version = doc.object().value(QStringLiteral("version")).toInt();
            corrupt = !doc.isObject() || (version != 1 && version != 2);
            for (auto it = peers.begin(); it != peers.end() && !corrupt; ++it) {
                const QJsonObject o = it.value().toObject();
                Pin pin;
                // Version 1 held one key per user@host, in the record itself.
                const QJsonArray keys =
                    version == 1 ? QJsonArray{o} : o.value(QStringLiteral("keys")).toArray();
                for (const QJsonValue &v : keys) {
                    const QJsonObject k = v.toObject();
                    const QString der = k.value(QStringLiteral("key")).toString();
                    if (der.isEmpty())
                        continue;
                    PinnedKey pinned;
                    pinned.der = QByteArray::fromBase64(der.toLatin1());
                    if (!RsaKey::fromPublicDer(pinned.der)) {
                        corrupt = true;
                        break;
                    }
                    pinned.verified = k.value(QStringLiteral("verified")).toBool();
                    pinned.address = k.value(QStringLiteral("address")).toString();
                    pin.keys.append(pinned);
                }
                pin.encryptedBefore = o.value(QStringLiteral("encryptedBefore")).toBool();
                for (const QJsonValue &v : o.value(QStringLiteral("disputed")).toArray()) {
                    const QByteArray der = QByteArray::fromBase64(v.toString().toLatin1());
                    if (!RsaKey::fromPublicDer(der)) {
                        corrupt = true;
                        break;
                    }
                    pin.disputed.append(der);
                }
                pins.insert(it.key(), pin);
            }
        }
        if (corrupt) {
            pins.clear();
            const QString stamp =
                pinPath + QStringLiteral(".corrupt-") +
                QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
            QString aside = stamp;
            for (int n = 1; QFileInfo::exists(aside); ++n)
                aside = stamp + QLatin1Char('-') + QString::number(n);
            if (QFile::rename(pinPath, aside))
                result.error =
                    QCoreApplication::translate(
                        "crypto", "The pinned keys in %1 could not be read; they were moved to %2 "
                                  "and every peer's key will be pinned anew.")
                        .arg(pinPath, aside);
            else
                result.error =
                    QCoreApplication::translate(
                        "crypto", "The pinned keys in %1 could not be read, nor moved aside.")
                        .arg(pinPath);
            qCWarning(lcCrypto) << "pin file unreadable:" << pinPath;
            if (QFileInfo::exists(pinPath)) {
                // Left in place it would be overwritten by the next save: refuse to go on.
                return result;
            }
        }
    }

    QMutexLocker locker(&m_lock);
    m_ours = ours;
    m_pinPath = pinPath;
    m_pins = pins;
    result.ok = true;
    return result;
}

RsaKey KeyRing::ourKey() const
{
    QMutexLocker locker(&m_lock);
    return m_ours;
}

Fingerprint KeyRing::ourFingerprint() const
{
    return ourKey().fingerprint();
}

QString KeyRing::peerKeyId(const QString &user, const QString &host)
{
    return user + QLatin1Char('@') + host;
}

int KeyRing::indexOf(const Pin &pin, const QByteArray &der)
{
    for (int i = 0; i < pin.keys.size(); ++i) {
        if (pin.keys.at(i).der == der)
            return i;
    }
    return -1;
}

PeerKeyState KeyRing::stateOf(const Pin &pin, const Shown &shown)
{
    PeerKeyState s;
    s.encryptedBefore = pin.encryptedBefore;
    const int i = indexOf(pin, shown.der);
    s.current = shown.key.fingerprint();
    if (i >= 0) {
        s.pinned = s.current;
        s.trust = pin.keys.at(i).verified ? KeyTrust::Verified : KeyTrust::Pinned;
        return s;
    }
    if (pin.keys.isEmpty())
        return s;
    const PinnedKey *here = pinnedAt(pin, shown.address.toString());
    // Pins hold DER checked to be a key when read (load()) or taken from one: its hash is the
    // fingerprint. Parsing it again would have OpenSSL 3 look up a decoder and an encoder per
    // pin, on every state asked for (a 200-host start-up asks 40,000 times).
    s.pinned = Fingerprint::ofDer(here ? here->der : pin.keys.first().der);
    s.trust = KeyTrust::Changed;
    return s;
}

const KeyRing::PinnedKey *KeyRing::pinnedAt(const Pin &pin, const QString &address)
{
    const PinnedKey *last = nullptr;
    for (const PinnedKey &k : pin.keys) {
        if (k.address == address)
            last = &k;
    }
    return last;
}

bool KeyRing::liveElsewhereLocked(const QString &keyId, const QByteArray &der,
                                  const QString &peerId) const
{
    const auto pin = m_pins.constFind(keyId);
    if (pin == m_pins.constEnd())
        return false;
    const auto from = m_shown.constFind(peerId);
    for (auto it = m_shown.constBegin(); it != m_shown.constEnd(); ++it) {
        if (it.key() == peerId || it->keyId != keyId || it->der == der ||
            indexOf(*pin, it->der) < 0)
            continue;
        if (from == m_shown.constEnd() || !it->address.isEqual(from->address))
            return true;
    }
    return false;
}

PeerKeyState KeyRing::present(const QString &keyId, const RsaKey &key, const QString &peerId,
                              const QHostAddress &address)
{
    if (key.isNull())
        return stateAt(peerId);
    const QByteArray der = key.publicDer();
    const QString where = address.toString();
    Pin pin;
    Shown shown;
    {
        QMutexLocker locker(&m_lock);
        Shown &s = m_shown[peerId];
        const bool shownBefore = s.keyId == keyId && s.der == der;
        s = {keyId, key, der, address};
        shown = s;
        Pin &p = m_pins[keyId];
        p.lastShownBy = peerId;
        const int i = indexOf(p, der);
        bool changed = false;
        if (i >= 0) {
            changed = p.keys[i].address != where;
            p.keys[i].address = where;
        } else if (p.keys.isEmpty()) {
            p.keys.append({der, false, where});
            changed = true;
            qCInfo(lcCrypto) << "pinned" << keyId << key.fingerprint().toString() << "from"
                             << where;
        } else if (!p.disputed.contains(der) && !pinnedAt(p, where) &&
                   liveElsewhereLocked(keyId, der, peerId)) {
            p.keys.append({der, false, where});
            changed = true;
            qCInfo(lcCrypto) << "pinned another key of" << keyId << key.fingerprint().toString()
                             << "from" << where << "while a pinned one is shown elsewhere";
        } else {
            if (!shownBefore)
                qCWarning(lcCrypto) << "key changed:" << keyId << "at" << where << "now"
                                    << key.fingerprint().toString();
            if (!p.disputed.contains(der)) {
                p.disputed.append(der);
                if (p.disputed.size() > MaxDisputed)
                    p.disputed.removeFirst();
                changed = true;
            }
        }
        if (changed) {
            m_pinsPending = true;
            const qint64 now = clock::monotonicMs();
            if ((m_savedMs < 0 || now - m_savedMs >= 1000) && !saveLocked())
                qCWarning(lcCrypto) << "could not save the pin of" << keyId;
        }
        pin = p;
    }
    return stateOf(pin, shown);
}

void KeyRing::forget(const QString &peerId)
{
    QMutexLocker locker(&m_lock);
    m_shown.remove(peerId);
}

RsaKey KeyRing::keyAt(const QString &peerId) const
{
    QMutexLocker locker(&m_lock);
    const auto it = m_shown.constFind(peerId);
    return it == m_shown.constEnd() ? RsaKey() : it->key;
}

QList<RsaKey> KeyRing::keysFrom(const QHostAddress &address, const QString &keyId) const
{
    QMutexLocker locker(&m_lock);
    QList<RsaKey> keys;
    for (const Shown &s : m_shown) {
        if (s.keyId == keyId && s.address.isEqual(address) && !keys.contains(s.key))
            keys.append(s.key);
    }
    return keys;
}

KeyTrust KeyRing::trustOf(const QString &keyId, const RsaKey &key) const
{
    const QByteArray der = key.isNull() ? QByteArray() : key.publicDer();
    QMutexLocker locker(&m_lock);
    const auto it = m_pins.constFind(keyId);
    if (it == m_pins.constEnd() || it->keys.isEmpty() || der.isEmpty())
        return KeyTrust::Unknown;
    const int i = indexOf(*it, der);
    if (i < 0)
        return KeyTrust::Changed;
    return it->keys.at(i).verified ? KeyTrust::Verified : KeyTrust::Pinned;
}

PeerKeyState KeyRing::stateAt(const QString &peerId) const
{
    Pin pin;
    Shown shown;
    {
        QMutexLocker locker(&m_lock);
        const auto it = m_shown.constFind(peerId);
        if (it == m_shown.constEnd())
            return {};
        shown = *it;
        pin = m_pins.value(shown.keyId);
    }
    return stateOf(pin, shown);
}

PeerKeyState KeyRing::state(const QString &keyId) const
{
    Pin pin;
    Shown shown;
    {
        QMutexLocker locker(&m_lock);
        const auto it = m_pins.constFind(keyId);
        if (it == m_pins.constEnd())
            return {};
        pin = *it;
        const auto last = m_shown.constFind(pin.lastShownBy);
        if (last != m_shown.constEnd() && last->keyId == keyId)
            shown = *last;
    }
    if (!shown.key.isNull())
        return stateOf(pin, shown);
    PeerKeyState s;
    s.encryptedBefore = pin.encryptedBefore;
    if (pin.keys.isEmpty())
        return s;
    s.pinned = Fingerprint::ofDer(pin.keys.first().der);
    s.current = s.pinned;
    s.trust = pin.keys.first().verified ? KeyTrust::Verified : KeyTrust::Pinned;
    return s;
}

bool KeyRing::hasPin(const QString &keyId, const Fingerprint &fingerprint) const
{
    QMutexLocker locker(&m_lock);
    const auto it = m_pins.constFind(keyId);
    if (it == m_pins.constEnd() || fingerprint.isNull())
        return false;
    return std::any_of(it->keys.cbegin(), it->keys.cend(), [&](const PinnedKey &k) {
        return Fingerprint::ofDer(k.der) == fingerprint;
    });
}

bool KeyRing::markVerified(const QString &peerId)
{
    QMutexLocker locker(&m_lock);
    const auto shown = m_shown.constFind(peerId);
    if (shown == m_shown.constEnd())
        return false;
    const QString where = shown->address.toString();
    Pin &pin = m_pins[shown->keyId];
    const int i = indexOf(pin, shown->der);
    if (i >= 0) {
        pin.keys[i].verified = true;
        pin.keys[i].address = where;
    } else {
        pin.keys.append({shown->der, true, where});
    }
    pin.disputed.removeAll(shown->der);
    // The key it replaced on that machine goes, unless the user verified it too or another
    // address still shows it.
    for (auto k = pin.keys.begin(); k != pin.keys.end();) {
        bool stillShown = false;
        for (const Shown &s : std::as_const(m_shown))
            stillShown = stillShown || (s.keyId == shown->keyId && s.der == k->der);
        if (k->der != shown->der && !k->verified && k->address == where && !stillShown)
            k = pin.keys.erase(k);
        else
            ++k;
    }
    qCInfo(lcCrypto) << "verified" << shown->keyId << "at" << where
                     << shown->key.fingerprint().toString();
    return saveLocked();
}

void KeyRing::noteEncrypted(const QString &keyId)
{
    QMutexLocker locker(&m_lock);
    Pin &pin = m_pins[keyId];
    if (pin.encryptedBefore)
        return;
    pin.encryptedBefore = true;
    if (!saveLocked())
        qCWarning(lcCrypto) << "could not save that" << keyId << "encrypts";
}

bool KeyRing::plainIsAnotherInstance(const QString &keyId, const QString &peerId,
                                     const QHostAddress &address) const
{
    QMutexLocker locker(&m_lock);
    const auto pin = m_pins.constFind(keyId);
    if (m_shown.contains(peerId) ||
        (pin != m_pins.constEnd() && pinnedAt(*pin, address.toString())))
        return false;
    for (const Shown &s : m_shown) {
        if (s.keyId == keyId)
            return true;
    }
    return false;
}

bool KeyRing::acceptFileRequest(const RsaKey &signer, const QHostAddress &address,
                                quint64 requestPacketNo)
{
    const QPair<QByteArray, QString> who{signer.publicDer(), address.toString()};
    QMutexLocker locker(&m_lock);
    const auto it = m_lastFileRequest.constFind(who);
    if (it != m_lastFileRequest.constEnd() && requestPacketNo <= *it) {
        qCWarning(lcCrypto) << "replayed file request from" << who.second << requestPacketNo;
        return false;
    }
    m_lastFileRequest.insert(who, requestPacketNo);
    return true;
}

bool KeyRing::saveLocked() const
{
    if (m_pinPath.isEmpty())
        return true;
    QJsonObject peers;
    for (auto it = m_pins.constBegin(); it != m_pins.constEnd(); ++it) {
        QJsonArray keys;
        for (const PinnedKey &k : it->keys) {
            QJsonObject o;
            o.insert(QStringLiteral("key"), QString::fromLatin1(k.der.toBase64()));
            o.insert(QStringLiteral("verified"), k.verified);
            if (!k.address.isEmpty())
                o.insert(QStringLiteral("address"), k.address);
            keys.append(o);
        }
        QJsonObject o;
        o.insert(QStringLiteral("keys"), keys);
        o.insert(QStringLiteral("encryptedBefore"), it->encryptedBefore);
        if (!it->disputed.isEmpty()) {
            QJsonArray disputed;
            for (const QByteArray &der : it->disputed)
                disputed.append(QString::fromLatin1(der.toBase64()));
            o.insert(QStringLiteral("disputed"), disputed);
        }
        peers.insert(it.key(), o);
    }
    QJsonObject root;
    // Version 2: several keys per user@host, each with where it was seen last.
    root.insert(QStringLiteral("version"), 2);
    root.insert(QStringLiteral("peers"), peers);
    QString why;
    if (!writePrivate(m_pinPath, QJsonDocument(root).toJson(), &why)) {
        qCWarning(lcCrypto) << "cannot save" << m_pinPath << why;
        return false;
    }
    m_savedMs = clock::monotonicMs();
    m_pinsPending = false;
    return true;
}

} // namespace lanpigeon::crypto
