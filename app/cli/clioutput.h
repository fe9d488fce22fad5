// The CLI's one voice: results on stdout, diagnostics on stderr, JSON one object per line.
#pragma once

#include "crypto/fingerprint.h"
#include "crypto/keyring.h"

#include <QJsonObject>
#include <QString>

#include <cstdio>

namespace lanpigeon {
struct ChatMessage;
struct Peer;
struct Room;
} // namespace lanpigeon

namespace lanpigeon::cli {

// Writes text as it is and flushes, so a script reading the pipe sees it at once.
void write(std::FILE *stream, const QString &text);
// A result line on stdout.
void out(const QString &line);
// A diagnostic line on stderr, after the program's name.
void say(const QString &line);
// A bad command line: says why and gives the exit code for it.
int usageError(const QString &line);

QString compactJson(const QJsonObject &object);
// One JSON object as one line of stdout.
void outJson(const QJsonObject &object);
QJsonObject peerJson(const Peer &peer);
// "room": the group chat's id, or null for a one-to-one message.
QJsonObject messageJson(const ChatMessage &message);
QJsonObject roomJson(const Room &room);
// The key a peer shows (or the one pinned for it); null if none is known.
crypto::Fingerprint peerFingerprint(const Peer &peer);
// "unknown", "pinned", "verified" or "changed", as peers --json prints it.
QString keyTrustName(crypto::KeyTrust trust);
// The word text output puts before a message: "[encrypted, verified]", "[plain]",
// "[warning: key-changed]".
QString securityMark(const ChatMessage &message);

} // namespace lanpigeon::cli
