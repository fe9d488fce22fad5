// Names one file or TFTP transfer, and knows its kind: the kind, not a prefix, routes a cancel.
#pragma once

#include <QHashFunctions>
#include <QMetaType>
#include <QString>
#include <QStringView>

#include <optional>

namespace lanpigeon {

class TransferId
{
public:
    enum class Kind : quint8
    {
        // Our file server sending to a peer that fetches over IPMsg.
        Upload,
        // Our fetch of a file or folder a peer offered.
        Download,
        // A TFTP get or put of ours.
        TftpClient,
        // A transfer our TFTP server serves.
        TftpServer,
    };

    TransferId() = default;
    TransferId(Kind kind, quint64 serial)
        : m_kind(kind)
        , m_serial(serial)
    {
    }

    Kind kind() const { return m_kind; }
    quint64 serial() const { return m_serial; }
    // Serials start at 1, so the default id names no transfer.
    bool isValid() const { return m_serial != 0; }
    bool isTftp() const { return m_kind == Kind::TftpClient || m_kind == Kind::TftpServer; }

    // "up-3", "down-4", "tftp-1", "tftpd-2": the form lanpigeon-cli prints, so it never changes.
    QString toString() const;
    // The id toString() gave, or nothing for any other text.
    static std::optional<TransferId> fromString(QStringView text);

    friend bool operator==(TransferId a, TransferId b)
    {
        return a.m_kind == b.m_kind && a.m_serial == b.m_serial;
    }
    friend bool operator!=(TransferId a, TransferId b) { return !(a == b); }
    friend size_t qHash(TransferId id, size_t seed = 0)
    {
        return qHashMulti(seed, int(id.m_kind), id.m_serial);
    }

private:
    Kind m_kind = Kind::Upload;
    quint64 m_serial = 0;
};

} // namespace lanpigeon

Q_DECLARE_METATYPE(lanpigeon::TransferId)
