// Incremental parser for the GETDIRFILES stream: headers and file bodies, split anywhere.
#pragma once

#include <QByteArray>
#include <QString>

#include <functional>

namespace lanpigeon::ipmsg {

class DirStreamParser final
{
    Q_DISABLE_COPY_MOVE(DirStreamParser)

public:
    // Longest header we accept; real ones are a name plus ~50 bytes.
    static constexpr int MaxHeader = 8192;
    // Deeper trees are refused rather than walked (a hostile stream can nest forever).
    static constexpr int MaxDepth = 64;

    enum class Kind
    {
        EnterDir,
        LeaveDir,
        FileBegin,
        FileData,
        FileEnd,
        Done
    };

    struct Event
    {
        Kind kind = Kind::Done;
        // For EnterDir and FileBegin: the entry's name in the sender's code page.
        QByteArray name;
        quint64 size = 0;
        quint32 attr = 0;
        qint64 mtime = 0;
        // For FileData: a view into the fed buffer, valid during the callback only.
        const char *data = nullptr;
        qsizetype length = 0;
    };

    // Returning false from the sink stops parsing (e.g. a disk error).
    using Sink = std::function<bool(const Event &)>;

    DirStreamParser();
    ~DirStreamParser();

    // Parses what it can; keeps a partial header for the next call. False on error.
    bool feed(const char *data, qsizetype size, const Sink &sink);
    bool isDone() const { return m_done; }
    bool hasError() const { return !m_error.isEmpty(); }
    QString error() const { return m_error; }
    int depth() const { return m_depth; }
    quint64 bytesConsumed() const { return m_consumed; }

private:
    bool parseHeader(const QByteArray &header, const Sink &sink);
    bool fail(const QString &error);

    QByteArray m_header;
    quint64 m_remaining = 0;
    bool m_inFile = false;
    int m_depth = 0;
    bool m_started = false;
    bool m_done = false;
    quint64 m_consumed = 0;
    QString m_error;
};

} // namespace lanpigeon::ipmsg
