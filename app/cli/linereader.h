// Lines from a file descriptor (the CLI's stdin), read as they come in without ever blocking the
// event loop, so peers, receipts and Ctrl-C are handled while a question waits for its answer.
#pragma once

#include <QByteArray>
#include <QObject>

class QSocketNotifier;

namespace lanpigeon::cli {

class LineReader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LineReader)

public:
    explicit LineReader(int fd, QObject *parent = nullptr);
    ~LineReader() override;

    // lineRead() or inputEnded() follows, at once if the line has already come in. The fd is
    // read only while a line is wanted, so what is typed ahead waits in the terminal, as it
    // would for fgets().
    void requestLine();

signals:
    // Without its newline.
    void lineRead(const QByteArray &line);
    // Nothing more will come: the input was closed, or never open.
    void inputEnded();

private:
    void readMore();
    void deliver();

    int m_fd;
    QSocketNotifier *m_notifier = nullptr;
    QByteArray m_buffer;
    bool m_wanted = false;
    bool m_ended = false;
};

} // namespace lanpigeon::cli
