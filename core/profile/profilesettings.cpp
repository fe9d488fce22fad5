#include "profile/profilesettings.h"

#include <QDir>
#include <QSettings>
#include <QStandardPaths>
#include <QSysInfo>

#include <pwd.h>
#include <unistd.h>

#include <algorithm>

namespace lanpigeon {

namespace {
constexpr qint64 DayMs = 24LL * 60 * 60 * 1000;
} // namespace

ProfileSettings::ProfileSettings(const QString &profileDir)
    : m_dir(profileDir.isEmpty() ? defaultProfileDir() : profileDir)
{
    QDir().mkpath(m_dir);
}

ProfileSettings::~ProfileSettings() = default;

QString ProfileSettings::defaultProfileDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

NodeConfig ProfileSettings::defaults()
{
    NodeConfig c;
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty()) {
        // Services and CI often run without $USER.
        const passwd *pw = getpwuid(getuid());
        user = pw ? QString::fromLocal8Bit(pw->pw_name) : QStringLiteral("user");
    }
    c.user = user;
    c.host = QSysInfo::machineHostName();
    c.nick = user;
    c.group = QStringLiteral("LanPigeon");
    c.downloadDir = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    return c;
}

QString ProfileSettings::settingsPath() const
{
    return QDir(m_dir).filePath(QStringLiteral("lanpigeon.ini"));
}

QString ProfileSettings::historyPath() const
{
    return QDir(m_dir).filePath(QStringLiteral("history.sqlite"));
}

void ProfileSettings::load(NodeConfig *c) const
{
    const QSettings s(settingsPath(), QSettings::IniFormat);
    c->nick = s.value(QStringLiteral("identity/nick"), c->nick).toString();
    c->group = s.value(QStringLiteral("identity/group"), c->group).toString();
    c->port = quint16(s.value(QStringLiteral("network/port"), c->port).toUInt());
    const QString bind = s.value(QStringLiteral("network/bind")).toString();
    if (!bind.isEmpty())
        c->bindAddress = QHostAddress(bind);
    auto addresses = [&s](const QString &key, QList<QHostAddress> *into) {
        const QStringList hosts = s.value(key).toStringList();
        for (const QString &h : hosts) {
            const QHostAddress a(h.trimmed());
            if (!a.isNull() && !into->contains(a))
                into->append(a);
        }
    };
    addresses(QStringLiteral("network/extraHosts"), &c->extraHosts);
    addresses(QStringLiteral("network/listFrom"), &c->listFrom);
    c->shareHostList = s.value(QStringLiteral("network/shareHostList"), c->shareHostList).toBool();
    c->broadcast = s.value(QStringLiteral("network/broadcast"), c->broadcast).toBool();
    c->legacyCodec = s.value(QStringLiteral("network/legacyCodec"), c->legacyCodec).toByteArray();
    c->status = ipmsg::statusFromName(s.value(QStringLiteral("identity/status")).toString());
    c->awayMessage = s.value(QStringLiteral("identity/awayMessage"), c->awayMessage).toString();
    c->downloadDir = s.value(QStringLiteral("files/downloadDir"), c->downloadDir).toString();
    c->requireEncryption =
        s.value(QStringLiteral("privacy/requireEncryption"), c->requireEncryption).toBool();
    const int expiryDays = s.value(QStringLiteral("queue/expiryDays"), 7).toInt();
    if (expiryDays > 0)
        c->queueExpiryMs = expiryDays * DayMs;
    c->profileDir = m_dir;
}

void ProfileSettings::save(const NodeConfig &c) const
{
    QSettings s(settingsPath(), QSettings::IniFormat);
    s.setValue(QStringLiteral("identity/nick"), c.nick);
    s.setValue(QStringLiteral("identity/group"), c.group);
    s.setValue(QStringLiteral("identity/status"), ipmsg::statusName(c.status));
    s.setValue(QStringLiteral("identity/awayMessage"), c.awayMessage);
    s.sync();
    saveAddress(c.bindAddress, c.port);
    auto texts = [](const QList<QHostAddress> &addresses) {
        QStringList out;
        for (const QHostAddress &a : addresses)
            out.append(a.toString());
        return out;
    };
    s.setValue(QStringLiteral("network/extraHosts"), texts(c.extraHosts));
    s.setValue(QStringLiteral("network/listFrom"), texts(c.listFrom));
    s.setValue(QStringLiteral("network/shareHostList"), c.shareHostList);
    s.setValue(QStringLiteral("network/broadcast"), c.broadcast);
    s.setValue(QStringLiteral("network/legacyCodec"), c.legacyCodec);
    s.setValue(QStringLiteral("files/downloadDir"), c.downloadDir);
    s.setValue(QStringLiteral("privacy/requireEncryption"), c.requireEncryption);
    s.setValue(QStringLiteral("queue/expiryDays"), std::max<qint64>(1, c.queueExpiryMs / DayMs));
}

QHostAddress ProfileSettings::bindAddress() const
{
    NodeConfig c;
    load(&c);
    return c.bindAddress;
}

void ProfileSettings::saveAddress(const QHostAddress &bind, quint16 port) const
{
    QSettings s(settingsPath(), QSettings::IniFormat);
    s.setValue(QStringLiteral("network/port"), port);
    s.setValue(QStringLiteral("network/bind"),
               bind == QHostAddress::AnyIPv4 ? QString() : bind.toString());
}

void ProfileSettings::saveStatus(ipmsg::Status status, const QString &awayMessage) const
{
    QSettings s(settingsPath(), QSettings::IniFormat);
    s.setValue(QStringLiteral("identity/status"), ipmsg::statusName(status));
    s.setValue(QStringLiteral("identity/awayMessage"), awayMessage);
}

namespace {
// A group chat's count is kept as "room:<id>=n", a peer's as "<peer id>=n": no peer id starts
// with a letter.
const QLatin1String RoomPrefix("room:");
} // namespace

QList<QPair<ChatKey, int>> ProfileSettings::unreadCounts() const
{
    const QSettings s(settingsPath(), QSettings::IniFormat);
    QList<QPair<ChatKey, int>> counts;
    // A count out of bounds is a hand-edited or damaged file: that chat starts read.
    for (const QString &entry : s.value(QStringLiteral("recent/unread")).toStringList()) {
        const QString name = entry.section(QLatin1Char('='), 0, -2);
        const int n = entry.section(QLatin1Char('='), -1).toInt();
        if (name.isEmpty() || n <= 0 || n >= 100000)
            continue;
        if (!name.startsWith(RoomPrefix)) {
            counts.append({ChatKey::peer(name), n});
        } else if (const auto id = RoomId::fromString(name.mid(RoomPrefix.size()));
                   id && !id->isNull()) {
            counts.append({ChatKey::room(*id), n});
        }
    }
    return counts;
}

void ProfileSettings::saveUnreadCounts(const QList<QPair<ChatKey, int>> &counts) const
{
    QStringList entries;
    for (const auto &[key, n] : counts) {
        const QString name = key.isRoom() ? RoomPrefix + key.roomId.toString() : key.peerId;
        entries << QStringLiteral("%1=%2").arg(name).arg(n);
    }
    QSettings s(settingsPath(), QSettings::IniFormat);
    s.setValue(QStringLiteral("recent/unread"), entries);
}

quint64 ProfileSettings::lastPacketNo() const
{
    const QSettings s(settingsPath(), QSettings::IniFormat);
    return s.value(QStringLiteral("state/lastPacketNo"), 0).toULongLong();
}

void ProfileSettings::setLastPacketNo(quint64 packetNo) const
{
    QSettings s(settingsPath(), QSettings::IniFormat);
    s.setValue(QStringLiteral("state/lastPacketNo"), packetNo);
}

} // namespace lanpigeon
