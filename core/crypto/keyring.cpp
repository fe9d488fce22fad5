#include "crypto/keyring.h"

#include "crypto/cryptolog.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace lanpigeon::crypto {

namespace {

constexpr auto OwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                           QFileDevice::ReadUser | QFileDevice::WriteUser;
constexpr auto GroupOrOther = QFileDevice::ReadGroup | QFileDevice::WriteGroup |
                              QFileDevice::ExeGroup | QFileDevice::ReadOther |
                              QFileDevice::WriteOther | QFileDevice::ExeOther;
constexpr qint64 MaxFile = 16 * 1024 * 1024;

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

Fingerprint fingerprintOfDer(const QByteArray &der)
{
    if (der.isEmpty())
        return {};
    const auto key = RsaKey::fromPublicDer(der);
    return key ? key->fingerprint() : Fingerprint{};
}

} // namespace

KeyRing::KeyRing(const RsaKey &ours)
    : m_ours(ours)
{
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
            corrupt = !doc.isObject() || doc.object().value(QStringLiteral("version")).toInt() != 1;
            for (auto it = peers.begin(); it != peers.end() && !corrupt; ++it) {
                const QJsonObject o = it.value().toObject();
                Pin pin;
                const QString der = o.value(QStringLiteral("key")).toString();
                if (!der.isEmpty()) {
                    pin.pinnedDer = QByteArray::fromBase64(der.toLatin1());
                    const auto key = RsaKey::fromPublicDer(pin.pinnedDer);
                    if (!key) {
                        corrupt = true;
                        break;
                    }
                    pin.current = *key;
                }
                pin.verified = o.value(QStringLiteral("verified")).toBool() && !der.isEmpty();
                pin.encryptedBefore = o.value(QStringLiteral("encryptedBefore")).toBool();
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

PeerKeyState KeyRing::present(const QString &peer, const RsaKey &key)
{
    if (key.isNull())
        return state(peer);
    const QByteArray der = key.publicDer();
    {
        QMutexLocker locker(&m_lock);
        Pin &pin = m_pins[peer];
        const bool shownBefore = !pin.current.isNull() && pin.current.publicDer() == der;
        pin.current = key;
        if (pin.pinnedDer.isEmpty()) {
            pin.pinnedDer = der;
            qCInfo(lcCrypto) << "pinned" << peer << key.fingerprint().toString();
            if (!saveLocked())
                qCWarning(lcCrypto) << "could not save the pin of" << peer;
        } else if (pin.pinnedDer != der && !shownBefore) {
            qCWarning(lcCrypto) << "key changed:" << peer << "pinned"
                                << fingerprintOfDer(pin.pinnedDer).toString() << "now"
                                << key.fingerprint().toString();
        }
    }
    return state(peer);
}

RsaKey KeyRing::keyFor(const QString &peer) const
{
    QMutexLocker locker(&m_lock);
    const auto it = m_pins.constFind(peer);
    return it == m_pins.constEnd() ? RsaKey() : it->current;
}

PeerKeyState KeyRing::state(const QString &peer) const
{
    Pin pin;
    {
        QMutexLocker locker(&m_lock);
        const auto it = m_pins.constFind(peer);
        if (it == m_pins.constEnd())
            return {};
        pin = *it;
    }
    PeerKeyState s;
    s.encryptedBefore = pin.encryptedBefore;
    if (pin.pinnedDer.isEmpty())
        return s;
    s.pinned = fingerprintOfDer(pin.pinnedDer);
    s.current = pin.current.isNull() ? s.pinned : pin.current.fingerprint();
    s.trust = s.current != s.pinned ? KeyTrust::Changed
              : pin.verified        ? KeyTrust::Verified
                                    : KeyTrust::Pinned;
    return s;
}

bool KeyRing::markVerified(const QString &peer)
{
    QMutexLocker locker(&m_lock);
    const auto it = m_pins.find(peer);
    if (it == m_pins.end() || it->current.isNull())
        return false;
    it->pinnedDer = it->current.publicDer();
    it->verified = true;
    qCInfo(lcCrypto) << "verified" << peer << it->current.fingerprint().toString();
    return saveLocked();
}

void KeyRing::noteEncrypted(const QString &peer)
{
    QMutexLocker locker(&m_lock);
    Pin &pin = m_pins[peer];
    if (pin.encryptedBefore)
        return;
    pin.encryptedBefore = true;
    if (!saveLocked())
        qCWarning(lcCrypto) << "could not save that" << peer << "encrypts";
}

bool KeyRing::acceptFileRequest(const QString &peer, quint64 requestPacketNo)
{
    QMutexLocker locker(&m_lock);
    const auto it = m_lastFileRequest.constFind(peer);
    if (it != m_lastFileRequest.constEnd() && requestPacketNo <= *it) {
        qCWarning(lcCrypto) << "replayed file request from" << peer << requestPacketNo;
        return false;
    }
    m_lastFileRequest.insert(peer, requestPacketNo);
    return true;
}

bool KeyRing::saveLocked() const
{
    if (m_pinPath.isEmpty())
        return true;
    QJsonObject peers;
    for (auto it = m_pins.constBegin(); it != m_pins.constEnd(); ++it) {
        QJsonObject o;
        if (!it->pinnedDer.isEmpty())
            o.insert(QStringLiteral("key"), QString::fromLatin1(it->pinnedDer.toBase64()));
        o.insert(QStringLiteral("verified"), it->verified);
        o.insert(QStringLiteral("encryptedBefore"), it->encryptedBefore);
        peers.insert(it.key(), o);
    }
    QJsonObject root;
    root.insert(QStringLiteral("version"), 1);
    root.insert(QStringLiteral("peers"), peers);
    QString why;
    if (!writePrivate(m_pinPath, QJsonDocument(root).toJson(), &why)) {
        qCWarning(lcCrypto) << "cannot save" << m_pinPath << why;
        return false;
    }
    return true;
}

} // namespace lanpigeon::crypto
