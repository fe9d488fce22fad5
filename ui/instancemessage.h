// What a later LanPigeon says to the running one over the single-instance socket, and the
// answer: versioned, length-checked frames, so garbled or hostile bytes are refused, not trusted.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace lanpigeon::ui {

struct InstanceMessage
{
    enum class Kind : quint8
    {
        // Come forward.
        Show = 1,
        // Come forward and open the Send files dialog for paths.
        SendFiles = 2,
    };
    enum class Parse
    {
        Complete,
        // A valid beginning: wait for more bytes.
        Incomplete,
        Refused,
    };
    enum class Answer : quint8
    {
        Done = 0,
        Refused = 1,
    };

    // Far beyond any real command line, far below what could hurt us.
    static constexpr int MaxBytes = 1 << 20;
    static constexpr int MaxPaths = 10000;
    static constexpr int MaxPathBytes = 16384;
    static constexpr int AnswerBytes = 6;

    Kind kind = Kind::Show;
    // Absolute, for SendFiles only.
    QStringList paths;

    // What FILE arguments ask for: relative paths are taken from cwd, file:// URLs (the
    // desktop file's %U) become local paths. None: just come forward.
    static InstanceMessage fromArguments(const QStringList &arguments, const QString &cwd);

    QByteArray encode() const;
    // One message per connection: bytes beyond the frame are refused too. why says what was
    // wrong, for the log.
    static Parse decode(const QByteArray &bytes, InstanceMessage *message, QString *why = nullptr);

    static QByteArray encodeAnswer(Answer answer);
    static Parse decodeAnswer(const QByteArray &bytes, Answer *answer);
};

} // namespace lanpigeon::ui
