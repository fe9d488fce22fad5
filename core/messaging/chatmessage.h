// One chat message, sent or received, as shown to the user and stored in history.
#pragma once

#include "ipmsg/roomcodec.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace lanpigeon {

enum class Direction
{
    Incoming = 0,
    Outgoing = 1
};

enum class DeliveryState
{
    Sending = 0,
    Delivered = 1,
    Failed = 2,
    // The reader opened a sealed message.
    Read = 3,
    Received = 4,
    // To a person who is offline: kept in history and sent when they announce again.
    Queued = 5,
    // Queued for longer than NodeConfig::queueExpiryMs: it will not be sent.
    Expired = 6,
};

QString deliveryStateName(DeliveryState state);

// Why a message failed; what the user may do about it depends on it.
enum class Failure
{
    None = 0,
    // Longer than the peer reads: sending it again cannot help.
    TooLong = 1,
    NotAnAddress = 2,
    // No receipt after every retry: the peer may be back later.
    NoAnswer = 3,
    // The socket refused the datagram.
    NetworkError = 4,
    // Not sent: the peer cannot encrypt (or never sent its key) and plain text was refused,
    // by the "only send to peers who can encrypt" setting or --require-encryption.
    NotEncrypted = 5,
    // The user cancelled it while it was queued.
    Cancelled = 6,
    // Not a failure: still Queued, it waits until the user checks the new key its person shows
    // (Security, "Mark as verified"); messages after it wait behind it.
    AwaitsKeyCheck = 7,
    // A queued file offer: one of its files or folders is gone (or no longer of its kind) by
    // the time its person came back; nothing was offered.
    FileMissing = 8,
    // A file offer was still open when the program stopped: nobody serves its files any more.
    OfferLapsed = 9,
};

// Whether sending the same text again can succeed.
bool isRetriable(Failure failure);

// Where a picture in a message stands; Arriving until its bytes are fetched and stored.
enum class PictureState
{
    Arriving = 0,
    Ready = 1,
    Failed = 2,
};

// One picture inside a message. Its bytes live in the profile's PictureStore under sha256.
struct ChatPicture
{
    // Where it sits in the text, in UTF-16 units of the text without pictures, each earlier
    // picture counting as one unit (IP Messenger's IPMSG_FILE_CLIPBOARDPOS); clamp on use.
    int position = 0;
    // Lower-case hex SHA-256 of its bytes; empty while it is arriving or if it failed.
    QString sha256;
    PictureState state = PictureState::Arriving;
    // Why it failed, for the user.
    QString error;
};

// A picture to send: its whole file (PNG, JPEG, GIF or WebP) and where it sits in the text,
// counted as ChatPicture::position is.
struct OutgoingPicture
{
    int position = 0;
    QByteArray bytes;
};

// Whether a message can be believed to come from whom it names.
enum class Authenticity
{
    // Plain text from a peer that never encrypted (iptux, FeiQ): nothing claimed, nothing checked.
    Unsigned = 0,
    // Signed, and the signature matches the key pinned for its sender.
    Verified = 1,
    // Something is wrong: SecurityWarning says what. Shown with a warning that cannot be missed.
    Unverified = 2,
};

// Why a message is Unverified.
enum class SecurityWarning
{
    None = 0,
    // Its sender shows a key other than the one pinned for it.
    KeyChanged = 1,
    // Its signature does not match its sender's key.
    BadSignature = 2,
    // Sealed without a signature, or signed by a sender whose key never came.
    NotSigned = 3,
    // Plain text from a peer that encrypted before.
    Downgrade = 4,
    // Came encrypted but does not decrypt (tampered, or sealed for another key): no text.
    Undecryptable = 5,
};
// A stable lower-case word ("key-changed"): what lanpigeon-cli prints and logs say; empty for None.
QString securityWarningName(SecurityWarning warning);

// A group chat's change of members, kept typed so that each reader sees it in their own
// language; the text stored with it is the sender's words, for exports and older clients.
struct RoomNotice
{
    enum class Kind
    {
        // A message people wrote.
        None = 0,
        Created = 1,
        Added = 2,
        Removed = 3,
        Left = 4,
        // A change whose members we already had (a list that came twice): who made it only.
        Changed = 5,
        // The reader was removed (with names, if others were too): "Alice removed you".
        RemovedUs = 6,
    };
    Kind kind = Kind::None;
    // Who made the change, by the name they had then.
    QString actor;
    // Whom it added or removed.
    QStringList names;

    bool isNull() const { return kind == Kind::None; }
};

// The notice in the UI's language; ours: we made the change ("You added Bob").
QString roomNoticeText(const RoomNotice &notice, bool ours);

// A file or folder of a file offer we made, as history keeps it: what its bubble names after
// a restart.
struct OfferedPath
{
    QString path;
    bool isDir = false;
    // A folder's is the sum of its files', as offered.
    quint64 size = 0;
};

// The names of what was offered as the user sees them: a folder's ends in '/'.
QStringList offeredNames(const QList<OfferedPath> &items);

// Where our group chat message stands for one member it went to (their row in history).
struct MemberDelivery
{
    QString peerId;
    // The name the row gave them.
    QString nick;
    DeliveryState state = DeliveryState::Sending;
    QString error;
    Failure failure = Failure::None;
};

struct ChatMessage
{
    // Shared by every recipient of one send; (id, peerId) is unique.
    QString id;
    QString peerId;
    QString peerNick;
    Direction direction = Direction::Incoming;
    QString text;
    // In position order.
    QList<ChatPicture> pictures;
    bool sealed = false;
    bool autoReply = false;
    bool multicast = false;
    // Crossed the network encrypted (incoming), or was sent so (outgoing).
    bool encrypted = false;
    Authenticity authenticity = Authenticity::Unsigned;
    SecurityWarning warning = SecurityWarning::None;
    DeliveryState state = DeliveryState::Received;
    QString error;
    Failure failure = Failure::None;
    quint64 packetNo = 0;
    // The other side as a person (Peer::keyId, user@host): whom a queued message waits for,
    // whatever address they come back on. Empty if never known.
    QString person;
    // The key (hex SHA-256 fingerprint) that person showed, for a queued message: only a peer
    // showing it gets the message. Empty if none was known: user@host alone decides.
    QString personKey;
    qint64 timestampMs = 0;
    // History row, 0 until stored; orders and pages a conversation.
    qint64 rowId = 0;
    // The group chat it belongs to; null for a one-to-one message. peerId is then who said it
    // (incoming) or the member it went to (outgoing: one row per member).
    ipmsg::RoomId roomId;
    // Set when it is a change of the room's members rather than words people wrote.
    RoomNotice notice;
    // The files and folders of our file offer that this wordless message carried, in offer
    // order; empty for every other message. Filled by HistoryStore.
    QList<OfferedPath> offered;
    // Our group chat message, one entry per member: filled by HistoryStore::roomDeliveries()
    // for a room's page, empty otherwise.
    QList<MemberDelivery> deliveries;
};

// Where each picture sits in text, in UTF-16 units, in order and never inside a surrogate pair.
QList<int> pictureOffsets(const QString &text, const QList<ChatPicture> &pictures);

} // namespace lanpigeon

Q_DECLARE_METATYPE(lanpigeon::ChatMessage)
Q_DECLARE_METATYPE(lanpigeon::ChatPicture)
