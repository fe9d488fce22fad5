// Pictures of chat messages, content-addressed in the profile: the same bytes are stored once.
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <optional>

namespace lanpigeon::pictures {

// The formats the window may decode, told by their signature, never by a name.
enum class Format
{
    Png,
    Jpeg,
    Gif,
    WebP,
    // iptux sends every chat picture as a BMP (gdk-pixbuf's, 24-bit).
    Bmp,
};

std::optional<Format> sniffFormat(const QByteArray &bytes);
// The file extension of a format, without the dot: "png".
QByteArray extensionOf(Format format);

// Files live at `<profile>/pictures/<first 2 hex>/<sha256>.<ext>`, written whole or not at all.
// Holds no state besides its folder and limit: each thread may use its own copy, and path() is
// safe from any thread.
class PictureStore final
{
    Q_DECLARE_TR_FUNCTIONS(PictureStore)

public:
    explicit PictureStore(const QString &profileDir, qint64 maxBytes);

    struct Stored
    {
        QString sha256;
        QString path;
        Format format = Format::Png;
    };
    // Checks the signature and the size, then writes the bytes unless that hash is there.
    // nullopt with *error saying why (for the user) when refused or not written.
    std::optional<Stored> put(const QByteArray &bytes, QString *error) const;
    // The stored file of that hash, or empty; a hash that is not 64 hex digits names nothing.
    QString path(const QString &sha256) const;
    // For fetches of pictures not yet checked.
    QString tempDir() const;
    qint64 maxBytes() const { return m_maxBytes; }

private:
    QString m_root;
    qint64 m_maxBytes;
};

} // namespace lanpigeon::pictures
