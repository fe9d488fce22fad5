#include "offercard.h"

#include "messenger.h"
#include "models/transfermodel.h"
#include "theme.h"

#include <QDesktopServices>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

namespace lanpigeon::ui {

OfferCard::OfferCard(const FileOffer &offer, Messenger *messenger, QWidget *parent)
    : QFrame(parent)
    , m_offer(offer)
    , m_messenger(messenger)
    , m_summary(new QLabel)
    , m_state(new QLabel)
    , m_progress(new QProgressBar)
    , m_accept(new QPushButton(tr("&Accept")))
    , m_saveAs(new QPushButton(tr("&Save as…")))
    , m_reject(new QPushButton(tr("&Reject")))
    , m_open(new QPushButton(tr("Open folder")))
    , m_dismiss(new QPushButton(QStringLiteral("✕")))
{
    setObjectName(QStringLiteral("offerCard"));
    setFrameShape(QFrame::StyledPanel);
    // Amber as a tint of the palette's Base; its Window too, for the colours of the lines on it.
    QPalette card = palette();
    const QColor fill = theme::toneFill(card, theme::Tone::Warning, 0.12);
    const QColor border = theme::toneFill(card, theme::Tone::Warning, 0.45);
    card.setColor(QPalette::Window, fill);
    setPalette(card);
    setStyleSheet(QStringLiteral("#offerCard { background: %1; border: 1px solid %2; "
                                 "border-radius: 6px; }")
                      .arg(fill.name(), border.name()));
    QStringList names;
    for (const OfferItem &item : std::as_const(offer.items))
        names << (item.isDir ? item.name + QLatin1Char('/') : item.name);
    const QString list = names.size() > 3 ? names.mid(0, 3).join(QStringLiteral(", ")) +
                                                tr(" and %n more", nullptr, int(names.size() - 3))
                                          : names.join(QStringLiteral(", "));
    m_summary->setText(
        tr("📎 %1 sends %n item(s), %2: %3", nullptr, int(offer.items.size()))
            .arg(offer.peerNick, QLocale().formattedDataSize(qint64(offer.totalSize())), list));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress->setRange(0, 100);
    m_progress->setVisible(false);
    m_open->setVisible(false);
    m_dismiss->setObjectName(QStringLiteral("dismissOffer"));
    m_dismiss->setToolTip(tr("Close"));
    m_dismiss->setFlat(true);
    m_dismiss->setFixedWidth(28);
    m_dismiss->setVisible(false);
    // On a line of its own and wrapped: a long folder path must not push the buttons out.
    m_state->setWordWrap(true);
    m_state->setVisible(false);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_accept);
    buttons->addWidget(m_saveAs);
    buttons->addWidget(m_reject);
    buttons->addWidget(m_open);
    buttons->addWidget(m_dismiss);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->setSpacing(2);
    layout->addWidget(m_summary);
    layout->addWidget(m_progress);
    layout->addWidget(m_state);
    layout->addLayout(buttons);

    connect(m_accept, &QPushButton::clicked, this,
            [this] { accept(m_messenger->config().downloadDir); });
    connect(m_saveAs, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Save files to"),
                                                              m_messenger->config().downloadDir);
        if (!dir.isEmpty())
            accept(dir);
    });
    connect(m_reject, &QPushButton::clicked, this, &OfferCard::reject);
    connect(m_dismiss, &QPushButton::clicked, this, &OfferCard::dismissed);
    connect(m_open, &QPushButton::clicked, this,
            [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(m_folder)); });
    TransferModel *transfers = messenger->transferModel();
    // Every progress tick of every transfer lands here: sum only when one of ours moved.
    auto concernsUs = [this, transfers](int first, int last) {
        for (int row = first; row <= last; ++row) {
            if (transfers->index(row).data(TransferModel::OfferIdRole).value<OfferId>() ==
                m_offer.id())
                return true;
        }
        return false;
    };
    connect(transfers, &QAbstractItemModel::dataChanged, this,
            [this, concernsUs](const QModelIndex &from, const QModelIndex &to) {
                if (concernsUs(from.row(), to.row()))
                    refresh();
            });
    connect(transfers, &QAbstractItemModel::rowsInserted, this,
            [this, concernsUs](const QModelIndex &, int first, int last) {
                if (concernsUs(first, last))
                    refresh();
            });
}

OfferCard::~OfferCard() = default;

void OfferCard::accept(const QString &folder)
{
    if (m_answered)
        return;
    m_answered = true;
    m_folder = folder;
    m_messenger->acceptOffer(m_offer.id(), folder);
    m_accept->setVisible(false);
    m_saveAs->setVisible(false);
    m_reject->setVisible(false);
    m_progress->setVisible(true);
    m_progress->setValue(0);
    m_state->setVisible(true);
    m_state->setText(tr("Receiving into %1…").arg(folder));
}

void OfferCard::reject()
{
    if (m_answered)
        return;
    m_answered = true;
    m_messenger->rejectOffer(m_offer.id());
    m_accept->setVisible(false);
    m_saveAs->setVisible(false);
    m_reject->setVisible(false);
    m_state->setVisible(true);
    m_state->setText(tr("Rejected."));
    finish();
}

void OfferCard::finish()
{
    m_finished = true;
    m_dismiss->setVisible(true);
}

void OfferCard::fail(const QString &error)
{
    m_accept->setVisible(false);
    m_saveAs->setVisible(false);
    m_reject->setVisible(false);
    m_state->setVisible(true);
    m_state->setText(tr("⚠ %1").arg(error));
    theme::showAsError(m_state, true);
    finish();
}

int OfferCard::progressPercent() const
{
    return m_progress->value();
}

void OfferCard::refresh()
{
    if (!m_answered || m_folder.isEmpty())
        return;
    quint64 done = 0;
    int count = 0;
    int finished = 0;
    QString error;
    const auto transfers = m_messenger->transferModel()->transfers();
    for (const TransferModel::Transfer &t : transfers) {
        if (t.offerId != m_offer.id())
            continue;
        ++count;
        done += t.done;
        if (t.state == TransferModel::State::Done)
            ++finished;
        else if (t.state == TransferModel::State::Failed ||
                 t.state == TransferModel::State::Cancelled)
            error = t.error.isEmpty() ? TransferModel::stateText(t.state) : t.error;
    }
    if (count == 0)
        return;
    const quint64 total = std::max<quint64>(m_offer.totalSize(), 1);
    m_progress->setValue(int(std::min<quint64>(100, done * 100 / total)));
    if (!error.isEmpty()) {
        fail(error);
    } else if (finished == count && count >= m_offer.items.size()) {
        m_progress->setValue(100);
        m_state->setVisible(true);
        m_state->setText(tr("✓ Saved to %1").arg(m_folder));
        m_open->setVisible(true);
        finish();
    }
}

} // namespace lanpigeon::ui
