#include "messageinput.h"

#include <QKeyEvent>
#include <QMimeData>

namespace lanpigeon::ui {

namespace {
QStringList localFiles(const QMimeData *mime)
{
    QStringList paths;
    if (!mime || !mime->hasUrls())
        return paths;
    const auto urls = mime->urls();
    for (const QUrl &url : urls) {
        if (url.isLocalFile())
            paths << url.toLocalFile();
    }
    return paths;
}
} // namespace

MessageInput::MessageInput(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setAcceptDrops(true);
    setPlaceholderText(defaultPlaceholder());
}

QString MessageInput::defaultPlaceholder()
{
    return tr("Type a message; drop files here to send them");
}

MessageInput::~MessageInput() = default;

void MessageInput::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        const bool ctrl = event->modifiers() & Qt::ControlModifier;
        if (ctrl == m_ctrlEnterSends && !(event->modifiers() & Qt::ShiftModifier)) {
            emit sendRequested();
            return;
        }
        insertPlainText(QStringLiteral("\n"));
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

void MessageInput::dragEnterEvent(QDragEnterEvent *event)
{
    if (!localFiles(event->mimeData()).isEmpty())
        event->acceptProposedAction();
    else
        QPlainTextEdit::dragEnterEvent(event);
}

void MessageInput::dragMoveEvent(QDragMoveEvent *event)
{
    if (!localFiles(event->mimeData()).isEmpty())
        event->acceptProposedAction();
    else
        QPlainTextEdit::dragMoveEvent(event);
}

void MessageInput::dropEvent(QDropEvent *event)
{
    const QStringList paths = localFiles(event->mimeData());
    if (paths.isEmpty()) {
        QPlainTextEdit::dropEvent(event);
        return;
    }
    event->acceptProposedAction();
    emit filesDropped(paths);
}

} // namespace lanpigeon::ui
