// Accepts TCP connections and hands over raw descriptors, so transfer threads own the sockets.
#pragma once

#include <QTcpServer>

namespace lanpigeon {

class TcpListener final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TcpListener)

public:
    explicit TcpListener(QObject *parent = nullptr);
    ~TcpListener() override;

signals:
    void accepted(qintptr descriptor);

protected:
    void incomingConnection(qintptr descriptor) override;
};

} // namespace lanpigeon
