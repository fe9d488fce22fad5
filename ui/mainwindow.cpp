#include "mainwindow.h"

#include "messenger.h"
#include "peermodel.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStatusBar>
#include <QVBoxLayout>

namespace lanpigeon::ui {

MainWindow::MainWindow(Messenger *messenger, QWidget *parent)
    : QMainWindow(parent)
    , m_messenger(messenger)
    , m_peers(new QListView)
    , m_log(new QPlainTextEdit)
    , m_input(new QLineEdit)
{
    setWindowTitle(tr("LanPigeon — %1").arg(messenger->config().nick));
    m_peers->setModel(messenger->peerModel());
    m_log->setReadOnly(true);
    auto *send = new QPushButton(tr("Send"));
    auto *inputRow = new QHBoxLayout;
    inputRow->addWidget(m_input);
    inputRow->addWidget(send);
    auto *chat = new QWidget;
    auto *chatLayout = new QVBoxLayout(chat);
    chatLayout->addWidget(m_log);
    chatLayout->addLayout(inputRow);
    auto *splitter = new QSplitter;
    splitter->addWidget(m_peers);
    splitter->addWidget(chat);
    splitter->setStretchFactor(1, 3);
    setCentralWidget(splitter);
    resize(760, 480);

    connect(send, &QPushButton::clicked, this, &MainWindow::sendCurrent);
    connect(m_input, &QLineEdit::returnPressed, this, &MainWindow::sendCurrent);
    connect(messenger, &Messenger::messageReceived, this, &MainWindow::appendMessage);
    connect(messenger, &Messenger::messageStored, this, &MainWindow::appendMessage);
    connect(
        messenger, &Messenger::messageStateChanged, this,
        [this](const QString &, const QString &peerId, DeliveryState state, const QString &error) {
            statusBar()->showMessage(tr("%1: %2 %3").arg(peerId, deliveryStateName(state), error),
                                     5000);
        });
    connect(messenger, &Messenger::startFailed, this,
            [this](const QString &error) { statusBar()->showMessage(error); });
    connect(messenger, &Messenger::started, this,
            [this] { statusBar()->showMessage(tr("Online"), 3000); });
}

MainWindow::~MainWindow() = default;

void MainWindow::sendCurrent()
{
    const QModelIndex current = m_peers->currentIndex();
    const QString text = m_input->text().trimmed();
    if (!current.isValid()) {
        statusBar()->showMessage(tr("Pick someone in the list first."), 4000);
        return;
    }
    if (text.isEmpty())
        return;
    m_messenger->sendMessage({current.data(PeerModel::IdRole).toString()}, text);
    m_input->clear();
}

void MainWindow::appendMessage(const ChatMessage &m)
{
    const QString who =
        m.direction == Direction::Incoming ? m.peerNick : tr("me → %1").arg(m.peerNick);
    m_log->appendPlainText(
        QStringLiteral("[%1] %2: %3")
            .arg(QDateTime::fromMSecsSinceEpoch(m.timestampMs).toString(QStringLiteral("HH:mm:ss")),
                 who, m.text));
}

} // namespace lanpigeon::ui
