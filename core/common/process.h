// What every LanPigeon program does before anything else: its name, and SIGPIPE ignored.
#pragma once

namespace lanpigeon {

// Names the application (settings and data paths follow the name) and ignores SIGPIPE: uploads
// use sendfile(), which has no MSG_NOSIGNAL, and a receiver that hangs up mid-file must fail
// that upload with EPIPE, not kill the program. Call once, from main(), after the application
// object exists.
void setUpProcess();

} // namespace lanpigeon
