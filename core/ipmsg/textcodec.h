// Text encodings of IPMsg dialects: UTF-8, GB18030 for FeiQ, CP932 for legacy IP Messenger.
#pragma once

#include "ipmsg/ipmsgcodec.h"

#include <QByteArray>
#include <QString>

namespace lanpigeon::text {

bool isValidUtf8(const QByteArray &bytes);

// Lossy where bytes are invalid: each bad byte becomes U+FFFD. codec is an iconv name.
QString decode(const QByteArray &bytes, const QByteArray &codec);
// Characters the codec cannot represent become '?'.
QByteArray encode(const QString &text, const QByteArray &codec);

// Removes FeiQ's trailing `{/font;...;}` style block.
QString stripFeiqFontSuffix(const QString &text);

// The code page a peer's legacy (non-UTF8OPT) text is in.
QByteArray legacyCodecFor(ipmsg::ClientKind kind, const QByteArray &configuredLegacy);

// Decodes a message body or name from a peer, following its dialect, without the marks its
// client leaves in the text (FeiQ's font, iptux's picture places).
QString decodeFromPeer(const QByteArray &bytes, bool utf8Flag, ipmsg::ClientKind kind,
                       const QByteArray &configuredLegacy);

// Whether we write UTF-8 (with UTF8OPT) to this peer.
bool peerTakesUtf8(ipmsg::ClientKind kind, bool announcedCapUtf8);

} // namespace lanpigeon::text
