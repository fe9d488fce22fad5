#include "common/process.h"

#include <QCoreApplication>

#include <csignal>

namespace lanpigeon {

void setUpProcess()
{
    std::signal(SIGPIPE, SIG_IGN);
    QCoreApplication::setApplicationName(QStringLiteral("LanPigeon"));
    QCoreApplication::setOrganizationName(QStringLiteral("LanPigeon"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LANPIGEON_VERSION));
}

} // namespace lanpigeon
