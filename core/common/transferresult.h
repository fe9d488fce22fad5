// A file or TFTP transfer's direction, its state, and how it ended: one shape for every service.
#pragma once

#include "common/transferid.h"

#include <QMetaType>
#include <QString>

namespace lanpigeon {

// Seen from this side: an upload sends our file, a download writes one here.
enum class TransferDirection
{
    Upload,
    Download
};

// A transfer's life; the last three are final.
enum class TransferState
{
    Waiting,
    Active,
    Done,
    Failed,
    Cancelled
};

// How a transfer that stopped ended: cancelled only if it did not succeed first.
inline TransferState finalState(bool ok, bool cancelRequested)
{
    return ok                ? TransferState::Done
           : cancelRequested ? TransferState::Cancelled
                             : TransferState::Failed;
}

struct TransferResult
{
    TransferId id;
    // Done, Failed, or Cancelled when a cancel (or a service closing) asked for the end.
    TransferState state = TransferState::Failed;
    // Why it did not finish; empty when done.
    QString error;
    // The local file or folder; empty for an IPMsg upload, whose service does not report it.
    QString path;
    // Bytes moved, where the side counts them (TFTP); 0 otherwise.
    quint64 bytes = 0;

    bool ok() const { return state == TransferState::Done; }
};

} // namespace lanpigeon

Q_DECLARE_METATYPE(lanpigeon::TransferDirection)
Q_DECLARE_METATYPE(lanpigeon::TransferState)
Q_DECLARE_METATYPE(lanpigeon::TransferResult)
