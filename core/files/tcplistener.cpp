#include "files/tcplistener.h"

namespace lanpigeon {

TcpListener::TcpListener(QObject *parent)
    : QTcpServer(parent)
{
}

TcpListener::~TcpListener() = default;

void TcpListener::incomingConnection(qintptr descriptor)
{
    emit accepted(descriptor);
}

} // namespace lanpigeon
