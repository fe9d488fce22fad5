// A conversation written out for people: a self-contained HTML page or plain text.
#pragma once

#include "messaging/chatmessage.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>

namespace lanpigeon {

enum class ExportFormat
{
    Html,
    Text
};

// By the file name: .html or .htm is HTML, anything else plain text.
ExportFormat exportFormatFor(const QString &path);

struct ExportSource
{
    // Whom the chat is with, for the title; a group chat's name and id.
    QString peerName;
    QString peerId;
    // Our own name, for what we said.
    QString myName;
    // The stored file of a picture by its hash, or empty; read to embed it (HTML only).
    std::function<QString(const QString &sha256)> picturePath;
    // A group chat: titled as one, its changes of members as lines of their own.
    bool room = false;
};

// messages oldest first. Text is escaped, never markup; a sealed message not yet opened is
// exported as such, without its words, as the window shows it.
QByteArray exportConversation(const QList<ChatMessage> &messages, ExportFormat format,
                              const ExportSource &source);

// Writes data to path whole or not at all (QSaveFile); false with error on failure.
bool writeExportFile(const QString &path, const QByteArray &data, QString *error);

} // namespace lanpigeon
