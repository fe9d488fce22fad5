// Linked into every test program: QTEST_MAIN is their main(), and like the programs' own main()
// they must ignore SIGPIPE, since uploads use sendfile(), which cannot take MSG_NOSIGNAL, and
// receivers in these tests hang up mid-file on purpose.
#include <csignal>

namespace {
const bool sigpipeIgnored = std::signal(SIGPIPE, SIG_IGN) != SIG_ERR;
} // namespace
