#include "common/progressthrottle.h"

namespace lanpigeon {

bool ProgressThrottle::due(bool force)
{
    if (!force && m_last.isValid() && m_last.elapsed() < IntervalMs)
        return false;
    m_last.start();
    return true;
}

} // namespace lanpigeon
