// Files and folders given on the command line (or by a later launch), and the buddies to send
// them to: what "Open with LanPigeon" and "Send with LanPigeon" show.
#pragma once

#include <QDialog>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace lanpigeon {
class GroupedPeerModel;
class PeerModel;
} // namespace lanpigeon

namespace lanpigeon::ui {

class PeerPicker;

class SendFilesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SendFilesDialog)

public:
    // ticked: peer ids ticked at first (the buddies selected in the list). paths: absolute.
    // offline: whose offline buddies to list too, for whom the files wait in the queue.
    SendFilesDialog(const PeerModel *peers, const GroupedPeerModel *offline,
                    const QStringList &ticked, const QStringList &paths, QWidget *parent = nullptr);
    ~SendFilesDialog() override;

    // More paths from a later launch while the dialog is open; those listed already are skipped.
    void addPaths(const QStringList &paths);
    // The files and folders that exist, in the order given.
    QStringList paths() const { return m_paths; }
    // Those that did not exist when given.
    QStringList missing() const { return m_missing; }
    QStringList peerIds() const;

    QTreeWidget *fileList() const { return m_files; }
    PeerPicker *picker() const { return m_picker; }
    QPushButton *sendButton() const { return m_send; }

private:
    void refresh();

    QTreeWidget *m_files;
    QLabel *m_total;
    QLabel *m_missingNote;
    QLabel *m_note;
    PeerPicker *m_picker;
    QPushButton *m_send;
    QStringList m_paths;
    QStringList m_missing;
    qint64 m_bytes = 0;
    int m_folders = 0;
};

} // namespace lanpigeon::ui
