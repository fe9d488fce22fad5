// An incoming file offer shown inside the chat: accept, save as or reject, then its progress.
#pragma once

#include "files/fileoffer.h"

#include <QFrame>

class QLabel;
class QProgressBar;
class QPushButton;

namespace lanpigeon {
class Messenger;
}

namespace lanpigeon::ui {

class OfferCard final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OfferCard)

public:
    OfferCard(const FileOffer &offer, Messenger *messenger, QWidget *parent = nullptr);
    ~OfferCard() override;

    OfferId offerId() const { return m_offer.id(); }
    const FileOffer &offer() const { return m_offer; }
    // Accepted or rejected: nothing is left for the user to decide.
    bool isAnswered() const { return m_answered; }
    void accept(const QString &folder);
    void reject();
    // The sender withdrew the offer or it could not be fetched.
    void fail(const QString &error);
    int progressPercent() const;
    // Answered and over (saved, rejected or failed): it can be closed.
    bool isFinished() const { return m_finished; }

signals:
    // The user closed the finished card.
    void dismissed();

private:
    void refresh();
    void finish();

    FileOffer m_offer;
    Messenger *m_messenger;
    QString m_folder;
    QLabel *m_summary;
    QLabel *m_state;
    QProgressBar *m_progress;
    QPushButton *m_accept;
    QPushButton *m_saveAs;
    QPushButton *m_reject;
    QPushButton *m_open;
    QPushButton *m_dismiss;
    bool m_answered = false;
    bool m_finished = false;
};

} // namespace lanpigeon::ui
