#include "history/historyexport.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QMimeDatabase>
#include <QSaveFile>

namespace lanpigeon {

namespace {

QString speaker(const ChatMessage &m, const ExportSource &source)
{
    if (m.direction == Direction::Outgoing)
        return source.myName;
    return m.peerNick.isEmpty() ? m.peerId : m.peerNick;
}

bool unopened(const ChatMessage &m)
{
    return m.sealed && m.direction == Direction::Incoming && m.state == DeliveryState::Received;
}

// What became of a message of ours that did not reach them; empty if it did (or is theirs).
QString unsent(const ChatMessage &m)
{
    if (m.direction != Direction::Outgoing)
        return {};
    switch (m.state) {
    case DeliveryState::Failed:
        return m.failure == Failure::Cancelled
                   ? QCoreApplication::translate("history", "[cancelled, not sent]")
                   : QCoreApplication::translate("history", "[not delivered]");
    case DeliveryState::Queued:
        return QCoreApplication::translate("history", "[queued, not sent yet]");
    case DeliveryState::Expired:
        return QCoreApplication::translate("history", "[expired, not sent]");
    case DeliveryState::Sending:
    case DeliveryState::Delivered:
    case DeliveryState::Read:
    case DeliveryState::Received:
        break;
    }
    return {};
}

QString when(const ChatMessage &m)
{
    return QDateTime::fromMSecsSinceEpoch(m.timestampMs)
        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString title(const ExportSource &source)
{
    return source.room ? QCoreApplication::translate("history", "LanPigeon group chat %1")
                             .arg(source.peerName)
                       : QCoreApplication::translate("history", "LanPigeon chat with %1 (%2)")
                             .arg(source.peerName, source.peerId);
}

// A change of a room's members, in the reader's language as the window shows it.
QString noticeOf(const ChatMessage &m)
{
    return roomNoticeText(m.notice, m.direction == Direction::Outgoing);
}

// Each picture as a data: URI, so the page needs nothing beside it.
QString pictureHtml(const ChatPicture &picture, const ExportSource &source)
{
    const QString path = picture.state == PictureState::Ready && source.picturePath
                             ? source.picturePath(picture.sha256)
                             : QString();
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::ReadOnly))
        return QStringLiteral("<span class=\"missing\">%1</span>")
            .arg(QCoreApplication::translate("history", "[picture not available]").toHtmlEscaped());
    const QString mime = QMimeDatabase().mimeTypeForFileNameAndData(path, &file).name();
    file.seek(0);
    return QStringLiteral("<img alt=\"[picture]\" src=\"data:%1;base64,%2\">")
        .arg(mime, QString::fromLatin1(file.readAll().toBase64()));
}

// Our file offer's line: "[files: plan.txt, photos/]"; empty for other messages.
QString offeredText(const ChatMessage &m)
{
    const QStringList names = offeredNames(m.offered);
    if (names.isEmpty())
        return {};
    return QCoreApplication::translate("history", "[files: %1]")
        .arg(names.join(QStringLiteral(", ")));
}

QString htmlBody(const ChatMessage &m, const ExportSource &source)
{
    if (unopened(m))
        return QStringLiteral("<i>%1</i>")
            .arg(QCoreApplication::translate("history", "sealed message, not opened")
                     .toHtmlEscaped());
    QString html;
    const QList<int> offsets = pictureOffsets(m.text, m.pictures);
    int last = 0;
    for (int i = 0; i < m.pictures.size(); ++i) {
        html += m.text.mid(last, offsets.at(i) - last).toHtmlEscaped();
        html += pictureHtml(m.pictures.at(i), source);
        last = offsets.at(i);
    }
    return html + m.text.mid(last).toHtmlEscaped() + offeredText(m).toHtmlEscaped();
}

QString textBody(const ChatMessage &m)
{
    if (unopened(m))
        return QCoreApplication::translate("history", "[sealed message, not opened]");
    QString text;
    const QList<int> offsets = pictureOffsets(m.text, m.pictures);
    int last = 0;
    for (int i = 0; i < m.pictures.size(); ++i) {
        text += m.text.mid(last, offsets.at(i) - last) + QStringLiteral("[picture]");
        last = offsets.at(i);
    }
    return text + m.text.mid(last) + offeredText(m);
}

} // namespace

ExportFormat exportFormatFor(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("html") || suffix == QLatin1String("htm") ? ExportFormat::Html
                                                                             : ExportFormat::Text;
}

QByteArray exportConversation(const QList<ChatMessage> &messages, ExportFormat format,
                              const ExportSource &source)
{
    QString out;
    if (format == ExportFormat::Text) {
        out += title(source) + QLatin1Char('\n');
        for (const ChatMessage &m : messages) {
            if (!m.notice.isNull()) {
                out += QStringLiteral("%1  — %2\n").arg(when(m), noticeOf(m));
                continue;
            }
            // Lines after the first are indented, so each message starts where a reader looks.
            QString body = textBody(m);
            if (const QString note = unsent(m); !note.isEmpty())
                body += QLatin1Char(' ') + note;
            body.replace(QLatin1Char('\n'), QStringLiteral("\n    "));
            out += QStringLiteral("%1  %2: %3\n").arg(when(m), speaker(m, source), body);
        }
        return out.toUtf8();
    }
    out += QStringLiteral(
               "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%1</title>\n<style>"
               "body{font-family:sans-serif;max-width:50em;margin:1em auto}"
               ".m{margin:.6em 0}.meta{color:#555;font-size:.85em}"
               ".out .who{color:#1a5d1a}.in .who{color:#1a3d8f}"
               ".text{white-space:pre-wrap}img{max-width:100%;display:block}"
               ".missing{color:#8a1c1c}</style></head><body>\n<h1>%1</h1>\n")
               .arg(title(source).toHtmlEscaped());
    for (const ChatMessage &m : messages) {
        if (!m.notice.isNull()) {
            out += QStringLiteral("<div class=\"m notice\"><span class=\"meta\"><time "
                                  "datetime=\"%1\">%2</time> — %3</span></div>\n")
                       .arg(QDateTime::fromMSecsSinceEpoch(m.timestampMs).toString(Qt::ISODate),
                            when(m), noticeOf(m).toHtmlEscaped());
            continue;
        }
        QString body = htmlBody(m, source);
        if (const QString note = unsent(m); !note.isEmpty())
            body += QStringLiteral(" <i class=\"unsent\">%1</i>").arg(note.toHtmlEscaped());
        out += QStringLiteral("<div class=\"m %1\"><div class=\"meta\"><span class=\"who\">%2"
                              "</span> <time datetime=\"%3\">%4</time></div><div class=\"text\">"
                              "%5</div></div>\n")
                   .arg(m.direction == Direction::Outgoing ? QStringLiteral("out")
                                                           : QStringLiteral("in"),
                        speaker(m, source).toHtmlEscaped(),
                        QDateTime::fromMSecsSinceEpoch(m.timestampMs).toString(Qt::ISODate),
                        when(m), body);
    }
    out += QStringLiteral("</body></html>\n");
    return out.toUtf8();
}

bool writeExportFile(const QString &path, const QByteArray &data, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace lanpigeon
