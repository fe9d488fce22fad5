#include "messaging/messageservice.h"

#include "common/clock.h"
#include "common/threadcheck.h"
#include "crypto/cryptocodec.h"
#include "crypto/cryptolog.h"
#include "crypto/keyring.h"
#include "history/historystore.h"
#include "ipmsg/filelistcodec.h"
#include "ipmsg/textcodec.h"
#include "messaging/discoveryservice.h"
#include "messaging/keyexchange.h"
#include "messaging/messaginglog.h"
#include "messaging/offlinequeue.h"
#include "messaging/peer.h"
#include "messaging/udptransport.h"

#include <QRandomGenerator>
#include <QThreadPool>
#include <QTimer>
#include <QUuid>

#include <algorithm>
#include <limits>
#include <optional>

namespace lanpigeon {

using namespace ipmsg;

namespace {

// Remembered (sender, packet number) pairs for duplicate suppression.
constexpr int SeenCapacity = 8192;
// Retries come within seconds; older numbers may be a restarted sender counting again.
constexpr qint64 SeenWindowMs = 10 * 60 * 1000;

// IP Messenger reads at most this many pictures of one message; the rest are marked failed.
constexpr int MaxPicturesPerMessage = 64;

// IP Messenger's MAX_ULIST: at most this many other recipients in an ENCEXT TO list (§1.6).
constexpr int MaxToList = 30;
// One AES session key per peer for this many messages or this long, whichever ends first.
constexpr int SessionKeyUses = 4096;
constexpr qint64 SessionKeyMs = 10 * 60 * 1000;
constexpr int SessionKeyBytes = 32;
// A sealed message that came before its sender's key waits this long for it (monotonic).
constexpr int HoldForKeyMs = 2000;
constexpr int MaxHeld = 256;
constexpr int MaxUnwrapped = 256;
// Senders whose "encrypted before" is cached; a flood of invented names only empties it.
constexpr int MaxKnownSenders = 4096;

// Moves the Clipboard entries out of files into message's pictures (Arriving, in position
// order, a position taken twice bumped to the next free one, as IP Messenger does) and returns
// them as an offer's items in the same order.
FileOffer takePictures(QList<OfferedFile> *files, ChatMessage *message)
{
    QList<QPair<int, OfferedFile>> clips;
    for (auto it = files->begin(); it != files->end();) {
        if (const std::optional<int> pos = clipboardPosition(*it)) {
            clips.append({*pos, *it});
            it = files->erase(it);
        } else {
            ++it;
        }
    }
    std::stable_sort(clips.begin(), clips.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    FileOffer offer;
    int lastPosition = -1;
    for (const auto &[position, file] : clips) {
        ChatPicture picture;
        picture.position = std::max(position, lastPosition + 1);
        lastPosition = picture.position;
        if (message->pictures.size() >= MaxPicturesPerMessage) {
            picture.state = PictureState::Failed;
            picture.error = MessageService::tr("more than %1 pictures in one message")
                                .arg(MaxPicturesPerMessage);
        }
        message->pictures.append(picture);
        OfferItem item;
        item.fileId = file.id;
        item.name = QString::fromLatin1(file.name);
        item.size = file.size;
        item.mtime = file.mtime;
        offer.items.append(item);
    }
    return offer;
}

} // namespace

MessageService::MessageService(UdpTransport *transport, DiscoveryService *discovery,
                               HistoryStore *history, const NodeConfig &config, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
    , m_discovery(discovery)
    , m_history(history)
    , m_config(config)
    , m_retryTimer(new QTimer(this))
    , m_sealer(new QThreadPool(this))
{
    m_sealer->setMaxThreadCount(1);
    m_sealer->setObjectName(QStringLiteral("sealer"));
    connect(m_transport, &UdpTransport::packetReceived, this, &MessageService::handlePacket);
    connect(m_retryTimer, &QTimer::timeout, this, &MessageService::retryDue);
    m_retryTimer->setInterval(std::max(10, m_config.retryIntervalMs / 4));
}

MessageService::~MessageService()
{
    // Its jobs post back to this object: none may still run once it is gone.
    m_sealer->clear();
    m_sealer->waitForDone();
}

QString MessageService::pendingKey(quint64 packetNo, const QHostAddress &address, bool readReceipt)
{
    return QString::number(packetNo) + QLatin1Char('@') + address.toString() +
           (readReceipt ? QLatin1String("/read") : QLatin1String());
}

QString MessageService::answeredKey(quint64 packetNo, const QHostAddress &from,
                                    bool readReceipt) const
{
    const QString key = pendingKey(packetNo, from, readReceipt);
    if (m_pending.contains(key) || m_sealedSent.contains(key))
        return key;
    // Sent to one address of a person on two networks, answered from the other.
    if (const Peer *peer = m_discovery->peerAt(from)) {
        for (const PeerAddress &a : peer->addresses) {
            const QString other = pendingKey(packetNo, a.address, readReceipt);
            if (m_pending.contains(other) || m_sealedSent.contains(other))
                return other;
        }
    }
    return key;
}

Peer MessageService::resolvePeer(const QString &peerId) const
{
    if (const Peer *known = m_discovery->follow(peerId))
        return *known;
    Peer p;
    p.id = peerId;
    const int colon = peerId.lastIndexOf(QLatin1Char(':'));
    p.address = QHostAddress(colon < 0 ? peerId : peerId.left(colon));
    p.port = colon < 0 ? m_config.port : quint16(peerId.mid(colon + 1).toUInt());
    if (const Peer *sameHost = m_discovery->peerAt(p.address)) {
        if (sameHost->port == p.port)
            return *sameHost;
    }
    // Nothing known: modern clients all read UTF-8 with UTF8OPT.
    p.takesUtf8 = true;
    p.nick = p.address.toString();
    return p;
}

QByteArray MessageService::encodeFor(const Peer &peer, const QString &text,
                                     const QByteArray &legacyCodec, quint32 *command)
{
    if (peer.takesUtf8) {
        *command |= Opt::Utf8;
        return text.toUtf8();
    }
    return text::encode(text, text::legacyCodecFor(peer.kind, legacyCodec));
}

void MessageService::setState(const QString &messageId, const QString &peerId, DeliveryState state,
                              const QString &error, Failure failure)
{
    if (state == DeliveryState::Failed)
        qCInfo(lcMessages, "message %s to %s failed: %s", qPrintable(messageId), qPrintable(peerId),
               qPrintable(error));
    if (!m_history->updateState(messageId, peerId, state, error, failure) &&
        !m_history->lastError().isEmpty())
        emit storageFailed(m_history->lastError());
    if (state == DeliveryState::Delivered || state == DeliveryState::Failed)
        offerSettled(messageId);
    emit messageStateChanged(messageId, peerId, state, error, failure);
}

void MessageService::offerSettled(const QString &messageId)
{
    const auto offer = m_offers.find(messageId);
    if (offer != m_offers.end() && --*offer <= 0)
        m_offers.erase(offer);
}

MessageService::Fit MessageService::fit(const Peer &peer, const QString &text,
                                        const NodeConfig &config)
{
    quint32 command = Mode::SendMsg | Opt::SendCheck | Opt::Secret | Opt::ReadCheck;
    Packet packet;
    packet.version = UdpTransport::protocolVersion();
    // The widest number a packet can carry: the estimate never says "fits" when send() won't.
    packet.packetNo = std::numeric_limits<quint64>::max();
    packet.user = config.user.toUtf8();
    packet.host = config.host.toUtf8();
    packet.extra = encodeFor(peer, text, config.legacyCodec, &command) + '\0';
    if (config.encryption && peer.canEncrypt) {
        // "CAPA:key:cipher:signature" in base64, with RSA-2048's 256-byte key and signature.
        const auto base64 = [](qsizetype n) { return (n + 2) / 3 * 4; };
        const qsizetype cipher = (packet.extra.size() / 16 + 1) * 16;
        packet.extra = QByteArray(8 + 1 + base64(256) + 1 + base64(cipher) + 1 + base64(256), 'x');
        packet.extra += '\0';
        command |= Opt::Encrypt;
    }
    packet.command = command | Opt::Multicast;
    return {int(encodePacket(packet).size()), maxDatagramFor(peer.kind)};
}

quint64 MessageService::send(const QString &messageId, const QStringList &peerIds,
                             const QString &text, bool sealed, const Attachment &attachment,
                             const QList<ChatPicture> &pictures, const TextFor &textFor,
                             const std::optional<ipmsg::RoomSection> &room,
                             const RoomNotice &notice)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    const Packet base = m_transport->makePacket(0, {});
    const qint64 sentAt = clock::wallMs();
    QList<Peer> peers;
    for (const QString &peerId : peerIds) {
        peers.append(resolvePeer(peerId));
        // Away but writing to them: we are here for them, and "I am away" would be untrue.
        if (m_config.status != ipmsg::Status::Online && notice.isNull())
            m_autoReplied.insert(peerId, clock::monotonicMs());
    }
    for (const Peer &peer : std::as_const(peers)) {
        quint32 command = Mode::SendMsg | Opt::SendCheck;
        if (sealed)
            command |= Opt::Secret | Opt::ReadCheck;
        if (peerIds.size() > 1)
            command |= Opt::Multicast;
        const QByteArray list = attachment ? attachment(peer) : QByteArray();
        if (!list.isEmpty())
            command |= Opt::FileAttach;
        Draft draft;
        draft.messageId = messageId;
        draft.peerId = peer.id;
        draft.packet = base;
        draft.body =
            encodeFor(peer, textFor ? textFor(peer) : text, m_config.legacyCodec, &command);
        draft.fileList = list;
        draft.sealed = sealed;
        draft.packet.command = command;
        // Other clients would show the section's text or drop the message: LanPigeon only.
        if (room && peer.kind == ClientKind::LanPigeon)
            draft.room = room;
        for (const Peer &other : std::as_const(peers)) {
            if (other.id != peer.id && draft.to.size() < MaxToList)
                draft.to.append({other.user.toUtf8(), other.host.toUtf8()});
        }

        ChatMessage record;
        record.id = messageId;
        record.peerId = peer.id;
        record.peerNick = peer.displayName();
        record.direction = Direction::Outgoing;
        record.text = text;
        record.pictures = pictures;
        record.sealed = sealed;
        record.multicast = peerIds.size() > 1;
        record.state = DeliveryState::Sending;
        record.packetNo = base.packetNo;
        record.timestampMs = sentAt;
        record.person = peer.keyId;
        if (room) {
            record.roomId = room->id;
            record.notice = notice;
        }
        const bool seals = sealsTo(peer);
        record.encrypted = seals;
        const bool offer = attachment && pictures.isEmpty();
        const bool online = m_discovery->peer(peer.id) != nullptr;
        HistoryStore::Seen seen =
            m_queue && !online
                ? m_queue->personFor(peer.id, room ? room->members : QList<RoomMember>())
                : HistoryStore::Seen();
        if (m_queue && online && m_queue->waitsForKeyCheck(peer)) {
            // Written after messages that wait for the user to check this peer's new key: it
            // waits behind them, so the person reads them in the order written.
            seen = {peer.keyId, peer.displayName(), peer.key.pinned.toHex()};
            record.failure = Failure::AwaitsKeyCheck;
        }
        const QString &queueFor = seen.person;

        QByteArray datagram;
        QString error;
        // A person's parked chat (PersonRef::parkedChatId()) is no address: only queued.
        if (!queueFor.isEmpty()) {
            record.state = DeliveryState::Queued;
            record.person = queueFor;
            record.personKey = seen.key;
            // Offline, the peer is known only by its address: show the name it went by.
            if (!seen.nick.isEmpty())
                record.peerNick = seen.nick;
        } else if (PersonRef::isParkedChatId(peer.id)) {
            // Without the queue (lanpigeon-cli without --queue) there is nowhere to send it.
            error = tr("not sent: they are away and someone else has their address");
            record.failure = Failure::NotAnAddress;
        } else if (peer.address.isNull()) {
            error = tr("'%1' is not an address").arg(peer.id);
            record.failure = Failure::NotAnAddress;
        } else if (!seals && m_config.requireEncryption) {
            error =
                tr("%1 cannot encrypt: not sent, plain text is refused").arg(peer.displayName());
            record.failure = Failure::NotEncrypted;
        } else if (!seals) {
            Packet packet = draft.packet;
            packet.extra = draft.body + '\0';
            if (draft.room)
                packet.extra = plainExtraWithRoom(draft.body, list, *draft.room);
            else if (!list.isEmpty())
                packet.extra += list + '\0';
            datagram = encodePacket(packet);
            const int limit = maxDatagramFor(peer.kind);
            if (datagram.size() > limit) {
                error = tooLongError(peer, int(datagram.size()), limit);
                record.failure = Failure::TooLong;
            }
        }
        if (!error.isEmpty()) {
            record.state = DeliveryState::Failed;
            record.error = error;
        }
        if (!m_history->insert(record, &record.rowId))
            emit storageFailed(m_history->lastError());
        emit messageStored(record);
        if (!error.isEmpty()) {
            qCInfo(lcMessages, "message %s to %s refused: %s", qPrintable(messageId),
                   qPrintable(peer.id), qPrintable(error));
            emit messageStateChanged(messageId, peer.id, DeliveryState::Failed, error,
                                     record.failure);
            continue;
        }
        if (record.state == DeliveryState::Queued) {
            qCInfo(lcMessages, "message %s to %s queued for %s", qPrintable(messageId),
                   qPrintable(peer.id), qPrintable(queueFor));
            emit messageStateChanged(messageId, peer.id, DeliveryState::Queued, {}, record.failure);
            m_queue->queued(queueFor);
            continue;
        }
        // Until its receipt, its failure or its return to the queue.
        if (offer)
            ++m_offers[messageId];
        if (!seals) {
            transmit(messageId, peer, base.packetNo, datagram, sealed);
        } else if (KeyExchange::hasKey(peer) || m_keys->answered(peer.id)) {
            sendDraft(draft, peer);
        } else {
            // Never plain instead: it goes once the key is here, or fails (keyFailed()).
            qCDebug(lcMessages, "message %s to %s waits for its key", qPrintable(messageId),
                    qPrintable(peer.id));
            m_waitingForKey[peer.id].append(draft);
            m_keys->request(peer.id);
        }
    }
    return base.packetNo;
}

QString MessageService::tooLongError(const Peer &peer, int bytes, int limit)
{
    return tr("message too long: %1 bytes, %2 (%3) reads at most %4")
        .arg(bytes)
        .arg(peer.displayName(), clientKindName(peer.kind))
        .arg(limit);
}

bool MessageService::sealsTo(const Peer &peer) const
{
    return m_keys && m_keyRing && m_config.encryption && peer.canEncrypt;
}

QByteArray MessageService::sessionKeyFor(const QString &peerId, quint32 capa,
                                         const crypto::RsaKey &peerKey)
{
    const qint64 now = clock::monotonicMs();
    SessionKey &k = m_sessionKeys[peerId];
    // The wrapped bytes reused with the session key only open with the key they were made for:
    // a peer that started again with a new key gets a new session.
    if (k.key.isEmpty() || k.capa != capa || k.peerKey.handle() != peerKey.handle() ||
        k.uses >= SessionKeyUses || now - k.madeMs > SessionKeyMs) {
        k = SessionKey();
        quint32 words[SessionKeyBytes / 4];
        // The operating system's generator (getrandom), as OpenSSL's own seeds from.
        QRandomGenerator::system()->fillRange(words);
        k.key = QByteArray(reinterpret_cast<const char *>(words), SessionKeyBytes);
        k.capa = capa;
        k.peerKey = peerKey;
        k.madeMs = now;
    }
    ++k.uses;
    return k.key;
}

bool MessageService::prepareSeal(const Peer &peer, quint64 packetNo, const QByteArray &body,
                                 const QByteArray &fileList,
                                 const QList<QPair<QByteArray, QByteArray>> &to, SealJob *job,
                                 const std::optional<ipmsg::RoomSection> &room)
{
    // The key exchange's record, not the Peer's copy: a peer whose entry packets were lost is
    // off the discovery list, and its Peer lacks the capa its key answer gave.
    job->capa = crypto::chooseCapa(m_keys ? m_keys->answeredCapa(peer.id) : 0);
    job->peerKey = m_keyRing->keyAt(peer.id);
    if (job->capa == 0 || job->peerKey.isNull())
        return false;
    job->peerId = peer.id;
    job->packetNo = packetNo;
    // A room never travels in clear beside a sealed body: without ENCEXT it is left out.
    job->ext = peer.encryptsLists && (!fileList.isEmpty() || !to.isEmpty() || room);
    job->fileList = fileList;
    if (job->ext) {
        crypto::ExtPlaintext e;
        e.body = body;
        e.fileList = fileList;
        e.to = to;
        job->plaintext = crypto::encodeExtPlaintext(e);
        if (room)
            job->plaintext = extPlaintextWithRoom(job->plaintext, *room);
    } else {
        job->plaintext = body + '\0';
    }
    job->session = sessionKeyFor(peer.id, job->capa, job->peerKey);
    job->ourKey = m_keyRing->ourKey();
    return true;
}

void MessageService::SealJob::run()
{
    sealed = crypto::seal(plaintext, capa, peerKey, ourKey, packetNo, session);
}

QByteArray MessageService::finishSeal(const SealJob &job, quint32 *command)
{
    QByteArray sealed = job.sealed;
    if (sealed.isEmpty())
        return {};
    // seal() wraps the session key afresh each time; the same wrapped bytes for one session
    // let the receiver skip its RSA decryption (it caches unwraps by them).
    SessionKey &k = m_sessionKeys[job.peerId];
    const int first = int(sealed.indexOf(':'));
    const int second = first < 0 ? -1 : int(sealed.indexOf(':', first + 1));
    if (second > first && k.key == job.session) {
        if (!k.wrappedField.isEmpty())
            sealed.replace(first + 1, second - first - 1, k.wrappedField);
        else
            k.wrappedField = sealed.mid(first + 1, second - first - 1);
    }
    *command |= Opt::Encrypt | (job.ext ? Opt::EncExtMsg : 0);
    QByteArray extra = sealed + '\0';
    if (!job.ext && !job.fileList.isEmpty())
        extra += job.fileList + '\0';
    return extra;
}

QByteArray MessageService::sealFor(const Peer &peer, quint64 packetNo, const QByteArray &body,
                                   const QByteArray &fileList,
                                   const QList<QPair<QByteArray, QByteArray>> &to, quint32 *command)
{
    SealJob job;
    if (!prepareSeal(peer, packetNo, body, fileList, to, &job))
        return {};
    job.run();
    return finishSeal(job, command);
}

void MessageService::setCrypto(KeyExchange *keys, std::shared_ptr<crypto::KeyRing> keyRing)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    m_keys = keys;
    m_keyRing = std::move(keyRing);
    if (m_keys) {
        connect(m_keys, &KeyExchange::keyArrived, this, &MessageService::keyArrived);
        connect(m_keys, &KeyExchange::keyFailed, this, &MessageService::keyFailed);
    }
}

void MessageService::setOfflineQueue(OfflineQueue *queue)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    m_queue = queue;
}

void MessageService::setRoomFiling(const RoomFiling &filing)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    m_roomFiling = filing;
}

void MessageService::setRequireEncryption(bool require)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    m_config.requireEncryption = require;
}

bool MessageService::checkSize(const QString &messageId, const Peer &peer,
                               const QByteArray &datagram)
{
    const int limit = maxDatagramFor(peer.kind);
    if (datagram.size() <= limit)
        return true;
    setState(messageId, peer.id, DeliveryState::Failed,
             tooLongError(peer, int(datagram.size()), limit), Failure::TooLong);
    return false;
}

void MessageService::sendDraft(const Draft &draft, const Peer &peer)
{
    SealJob job;
    if (!prepareSeal(peer, draft.packet.packetNo, draft.body, draft.fileList, draft.to, &job,
                     draft.room)) {
        failUnsealable(draft, peer);
        return;
    }
    // The signature is an RSA private-key operation, most of a message's cost: made on the
    // sealing thread while this one writes history. One thread keeps the messages in order.
    m_sealer->start([this, job, draft, peer]() mutable {
        job.run();
        QMetaObject::invokeMethod(
            this, [this, job, draft, peer] { sendSealed(job, draft, peer); }, Qt::QueuedConnection);
    });
}

void MessageService::failUnsealable(const Draft &draft, const Peer &peer)
{
    // It announced ENCRYPTOPT, so IP Messenger would not take plain text either (§1.3).
    setState(draft.messageId, peer.id, DeliveryState::Failed,
             tr("cannot encrypt for %1: its key or ciphers do not suit ours; not sent")
                 .arg(peer.displayName()),
             Failure::NotEncrypted);
}

void MessageService::sendSealed(const SealJob &job, const Draft &draft, const Peer &peer)
{
    quint32 command = draft.packet.command;
    const QByteArray extra = finishSeal(job, &command);
    if (extra.isEmpty()) {
        failUnsealable(draft, peer);
        return;
    }
    Packet packet = draft.packet;
    packet.command = command;
    packet.extra = extra;
    const QByteArray datagram = encodePacket(packet);
    if (checkSize(draft.messageId, peer, datagram))
        transmit(draft.messageId, peer, packet.packetNo, datagram, draft.sealed);
}

void MessageService::transmit(const QString &messageId, const Peer &peer, quint64 packetNo,
                              const QByteArray &datagram, bool sealed)
{
    QString error;
    if (!m_transport->sendRaw(datagram, peer.address, peer.port, &error)) {
        setState(messageId, peer.id, DeliveryState::Failed, error, Failure::NetworkError);
        return;
    }
    Outgoing out;
    out.messageId = messageId;
    out.peerId = peer.id;
    out.address = peer.address;
    out.port = peer.port;
    out.datagram = datagram;
    out.attempts = 1;
    out.nextAttemptMs = clock::monotonicMs() + m_config.retryIntervalMs;
    out.order = ++m_sendOrder;
    m_pending.insert(pendingKey(packetNo, peer.address, false), out);
    if (sealed)
        m_sealedSent.insert(pendingKey(packetNo, peer.address, false), {messageId, peer.id});
    if (!m_retryTimer->isActive())
        m_retryTimer->start();
}

void MessageService::keyArrived(const QString &peerId)
{
    releaseHeld(peerId);
    const QList<Draft> drafts = m_waitingForKey.take(peerId);
    if (drafts.isEmpty())
        return;
    const Peer peer = resolvePeer(peerId);
    for (const Draft &draft : drafts)
        sendDraft(draft, peer);
}

void MessageService::keyFailed(const QString &peerId)
{
    releaseHeld(peerId);
    const QList<Draft> drafts = m_waitingForKey.take(peerId);
    for (const Draft &draft : drafts) {
        setState(draft.messageId, peerId, DeliveryState::Failed,
                 tr("%1 sent no encryption key: not sent, rather than as plain text")
                     .arg(resolvePeer(peerId).displayName()),
                 Failure::NotEncrypted);
    }
}

bool MessageService::encryptedBefore(const QString &keyId)
{
    const auto it = m_encryptedBefore.constFind(keyId);
    if (it != m_encryptedBefore.constEnd())
        return *it;
    if (m_encryptedBefore.size() >= MaxKnownSenders)
        m_encryptedBefore.clear();
    return m_encryptedBefore.insert(keyId, m_keyRing->state(keyId).encryptedBefore).value();
}

void MessageService::releaseHeld(const QString &peerId)
{
    QList<Held> ready;
    for (auto it = m_held.begin(); it != m_held.end();) {
        if (Peer::makeId(it->from, it->port) == peerId) {
            ready.append(*it);
            it = m_held.erase(it);
        } else {
            ++it;
        }
    }
    std::sort(ready.begin(), ready.end(),
              [](const Held &a, const Held &b) { return a.arrival < b.arrival; });
    for (const Held &h : std::as_const(ready))
        receiveMessage(h.packet, h.from, h.port, false);
}

void MessageService::hold(const QString &seenKey, const Packet &packet, const QHostAddress &from,
                          quint16 port)
{
    // Its signature needs the key its sender shows now; decide once that is here or 2 s passed.
    m_held.insert(seenKey,
                  {packet, from, port, clock::monotonicMs() + HoldForKeyMs, ++m_heldArrivals});
    QTimer::singleShot(HoldForKeyMs, this, [this, seenKey] {
        const auto it = m_held.find(seenKey);
        if (it == m_held.end())
            return;
        const Held h = *it;
        m_held.erase(it);
        receiveMessage(h.packet, h.from, h.port, false);
    });
    qCDebug(lcMessages, "packet %llu from %s:%u held for its sender's key", packet.packetNo,
            qPrintable(from.toString()), port);
}

std::optional<MessageService::Opened> MessageService::open(const Packet &packet,
                                                           const QHostAddress &from, quint16 port,
                                                           const QString &seenKey, bool mayHold)
{
    Opened o;
    const QString keyId = DiscoveryService::keyIdOf(packet);
    const QString peerId = Peer::makeId(from, port);
    if (!packet.has(Opt::Encrypt)) {
        o.body = packet.field(0);
        o.fileList = packet.field(1);
        o.room = roomOfPlainExtra(packet.extra);
        if (m_keyRing && encryptedBefore(keyId) &&
            !m_keyRing->plainIsAnotherInstance(keyId, peerId, from)) {
            o.authenticity = Authenticity::Unverified;
            o.warning = SecurityWarning::Downgrade;
        }
        return o;
    }
    o.encrypted = true;
    o.authenticity = Authenticity::Unverified;
    if (!m_keyRing || !m_config.encryption) {
        o.warning = SecurityWarning::Undecryptable;
        return o;
    }
    const bool mayWait = mayHold && m_keys && m_held.size() < MaxHeld;
    if (mayWait && !m_keys->answered(peerId)) {
        m_keys->request(peerId);
        hold(seenKey, packet, from, port);
        return std::nullopt;
    }
    const QByteArray sealed = packet.field(0);
    const QByteArray wrapped = crypto::wrappedKeyOf(sealed);
    const crypto::Opened opened =
        crypto::open(sealed, m_keyRing->ourKey(), m_keyRing->keyAt(peerId), packet.packetNo,
                     m_unwrapped.value(wrapped));
    if (opened.error != crypto::OpenError::None) {
        o.warning = SecurityWarning::Undecryptable;
        return o;
    }
    if (!wrapped.isEmpty() && !m_unwrapped.contains(wrapped)) {
        if (m_unwrapped.size() >= MaxUnwrapped)
            m_unwrapped.clear();
        m_unwrapped.insert(wrapped, opened.sessionKey);
    }
    const std::optional<crypto::ExtPlaintext> ext = crypto::parseExtPlaintext(opened.plaintext);
    o.body = ext ? ext->body : opened.plaintext;
    o.fileList =
        packet.has(Opt::EncExtMsg) ? (ext ? ext->fileList : QByteArray()) : packet.field(1);
    if (packet.has(Opt::EncExtMsg))
        o.room = roomOfExtPlaintext(opened.plaintext);
    switch (opened.signature) {
    case crypto::SignatureCheck::Absent:
    case crypto::SignatureCheck::Unchecked:
        o.warning = SecurityWarning::NotSigned;
        break;
    case crypto::SignatureCheck::Bad:
        // Signed with a key we have not seen from this address: a restarted peer's new key
        // (its entry packet lost or not sent), or a forger. Its own answer decides which.
        if (mayWait && m_keys->recheck(peerId, from, port)) {
            hold(seenKey, packet, from, port);
            return std::nullopt;
        }
        o.warning = SecurityWarning::BadSignature;
        break;
    case crypto::SignatureCheck::Good: {
        bool &before = m_encryptedBefore[keyId];
        if (!before)
            m_keyRing->noteEncrypted(keyId);
        before = true;
        // The peer's copy of its key state is updated whenever the trust changes (a key
        // shown, a key verified), and costs nothing; the ring's computes fingerprints.
        const Peer *known = m_discovery->peer(peerId);
        const crypto::KeyTrust trust =
            known && known->keyId == keyId && known->key.trust != crypto::KeyTrust::Unknown
                ? known->key.trust
                : m_keyRing->stateAt(peerId).trust;
        if (trust == crypto::KeyTrust::Pinned || trust == crypto::KeyTrust::Verified) {
            o.authenticity = Authenticity::Verified;
        } else {
            o.warning = trust == crypto::KeyTrust::Changed ? SecurityWarning::KeyChanged
                                                           : SecurityWarning::NotSigned;
        }
        break;
    }
    }
    return o;
}

std::optional<ChatMessage> MessageService::receivePushedPicture(const QHostAddress &address)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    const Peer *peer = m_discovery->peerAt(address);
    if (!peer)
        return std::nullopt;
    ChatMessage m;
    m.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m.peerId = peer->id;
    m.peerNick = peer->displayName();
    m.direction = Direction::Incoming;
    m.pictures.append(ChatPicture());
    m.state = DeliveryState::Received;
    m.timestampMs = clock::wallMs();
    if (!m_history->insert(m, &m.rowId)) {
        emit storageFailed(m_history->lastError());
        return std::nullopt;
    }
    emit messageReceived(m);
    return m;
}

void MessageService::markRead(const QString &messageId)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    SealedIncoming s;
    if (const auto it = m_sealedReceived.constFind(messageId); it != m_sealedReceived.constEnd()) {
        s = *it;
        m_sealedReceived.erase(it);
    } else {
        // Received before a restart and opened only now: its sender still wants the receipt.
        const std::optional<ChatMessage> stored = m_history->find(messageId);
        if (!stored || !stored->sealed || stored->direction != Direction::Incoming ||
            stored->state != DeliveryState::Received)
            return;
        const Peer peer = resolvePeer(stored->peerId);
        s = {peer.address, peer.port, stored->packetNo, stored->peerId};
        if (s.address.isNull())
            return;
    }
    m_history->updateState(messageId, s.peerId, DeliveryState::Read);
    const Packet packet = m_transport->makePacket(Mode::ReadMsg | Opt::ReadCheck,
                                                  QByteArray::number(s.packetNo) + '\0');
    Outgoing out;
    out.messageId = messageId;
    out.peerId = s.peerId;
    out.address = s.address;
    out.port = s.port;
    out.datagram = encodePacket(packet);
    out.attempts = 1;
    out.nextAttemptMs = clock::monotonicMs() + m_config.retryIntervalMs;
    out.readReceipt = true;
    out.order = ++m_sendOrder;
    m_transport->sendRaw(out.datagram, out.address, out.port);
    m_pending.insert(pendingKey(s.packetNo, s.address, true), out);
    if (!m_retryTimer->isActive())
        m_retryTimer->start();
}

void MessageService::setStatus(Status status, const QString &awayMessage)
{
    LANPIGEON_ASSERT_OWN_THREAD();
    m_config.status = status;
    m_config.awayMessage = awayMessage;
    // A new away text is news: everyone may hear it once more.
    m_autoReplied.clear();
}

void MessageService::retryDue()
{
    const qint64 now = clock::monotonicMs();
    QList<QString> finished;
    QList<Outgoing *> due;
    for (auto it = m_pending.begin(); it != m_pending.end(); ++it) {
        Outgoing &out = *it;
        if (out.nextAttemptMs > now)
            continue;
        if (out.attempts >= m_config.maxAttempts) {
            finished.append(it.key());
            continue;
        }
        due.append(&out);
    }
    std::sort(due.begin(), due.end(),
              [](const Outgoing *a, const Outgoing *b) { return a->order < b->order; });
    for (Outgoing *out : std::as_const(due)) {
        ++out->attempts;
        out->nextAttemptMs = now + m_config.retryIntervalMs;
        // A person on two networks may have answered from the other one since: try there.
        const Peer *peer = out->readReceipt ? nullptr : m_discovery->follow(out->peerId);
        if (peer)
            m_transport->sendRaw(out->datagram, peer->address, peer->port);
        else
            m_transport->sendRaw(out->datagram, out->address, out->port);
    }
    for (const QString &key : finished) {
        const Outgoing out = m_pending.take(key);
        // Silent through every retry: a peer killed or unplugged leaves the buddy list now,
        // as the bubble says it is gone, not a heartbeat timeout later.
        m_discovery->dropIfSilent(out.peerId,
                                  qint64(m_config.maxAttempts) * m_config.retryIntervalMs);
        // A lost read receipt is not worth bothering the user with.
        if (out.readReceipt) {
            qCDebug(lcMessages, "read receipt for %s to %s unanswered after %d attempts",
                    qPrintable(out.messageId), qPrintable(out.peerId), out.attempts);
        } else if (m_queue && m_queue->requeue(out.messageId, out.peerId)) {
            // Queued for the person, who may be back later; the queue reported it. An offer
            // goes again from there with a new packet number, as any queued offer does.
            offerSettled(out.messageId);
        } else {
            setState(out.messageId, out.peerId, DeliveryState::Failed,
                     tr("no answer from %1 after %2 attempts")
                         .arg(out.address.toString())
                         .arg(out.attempts),
                     Failure::NoAnswer);
        }
    }
    if (m_pending.isEmpty())
        m_retryTimer->stop();
}

void MessageService::acknowledge(quint32 mode, quint64 packetNo, const QHostAddress &to,
                                 quint16 port)
{
    m_transport->send(m_transport->makePacket(mode, QByteArray::number(packetNo) + '\0'), to, port);
}

bool MessageService::isDuplicate(const QString &key) const
{
    const auto it = m_seen.constFind(key);
    return it != m_seen.constEnd() && clock::monotonicMs() - *it < SeenWindowMs;
}

void MessageService::forgetSender(const QHostAddress &address)
{
    m_lastPacketNo.remove(address.toString());
    const QString suffix = QLatin1Char('@') + address.toString();
    for (auto it = m_seen.begin(); it != m_seen.end();) {
        if (it.key().endsWith(suffix))
            it = m_seen.erase(it);
        else
            ++it;
    }
}

bool MessageService::rememberIncoming(const QString &key)
{
    if (isDuplicate(key))
        return false;
    m_seen.insert(key, clock::monotonicMs());
    m_seenOrder.append(key);
    if (m_seenOrder.size() > SeenCapacity)
        m_seen.remove(m_seenOrder.takeFirst());
    return true;
}

void MessageService::receiveMessage(const Packet &packet, const QHostAddress &from, quint16 port,
                                    bool mayHold)
{
    // Its option value (0x300 for a group) shares bits with SENDCHECK and SECRET.
    const bool iptuxGroup = packet.mode() == Mode::IptuxSendMsg;
    const bool wantsAck = !iptuxGroup && packet.has(Opt::SendCheck) &&
                          !packet.has(Opt::Broadcast) && !packet.has(Opt::AutoRet);
    const QString seenKey = QString::number(packet.packetNo) + QLatin1Char('@') + from.toString();
    if (m_held.contains(seenKey)) {
        // Its first copy waits for the sender's key; acknowledging now would take it unseen.
        qCDebug(lcMessages, "dropped a duplicate of held packet %llu from %s:%u", packet.packetNo,
                qPrintable(from.toString()), port);
        return;
    }
    if (isDuplicate(seenKey)) {
        // The sender missed our RECVMSG: acknowledge again, show nothing. One that did not
        // decrypt stays unacknowledged, so its sender learns it failed.
        qCDebug(lcMessages, "dropped a duplicate of packet %llu from %s:%u", packet.packetNo,
                qPrintable(from.toString()), port);
        if (wantsAck && !m_undecryptable.contains(seenKey))
            acknowledge(Mode::RecvMsg, packet.packetNo, from, port);
        return;
    }
    const Peer peer = m_discovery->notePeer(packet, from, port);
    const std::optional<Opened> opened = open(packet, from, port, seenKey, mayHold);
    if (!opened)
        return;
    const bool undecryptable = opened->warning == SecurityWarning::Undecryptable;
    const QByteArray legacy = peer.kind == ClientKind::Iptux && !peer.announcedCodec.isEmpty()
                                  ? peer.announcedCodec
                                  : m_config.legacyCodec;
    ChatMessage m;
    m.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m.peerId = peer.id;
    m.peerNick = peer.displayName();
    m.direction = Direction::Incoming;
    m.text = text::decodeFromPeer(opened->body, packet.has(Opt::Utf8), peer.kind, legacy);
    m.encrypted = opened->encrypted;
    m.authenticity = opened->authenticity;
    m.warning = opened->warning;
    m.sealed = !iptuxGroup && packet.has(Opt::Secret);
    m.autoReply = packet.has(Opt::AutoRet);
    m.multicast = iptuxGroup || packet.has(Opt::Multicast) || packet.has(Opt::Broadcast);
    m.state = DeliveryState::Received;
    m.packetNo = packet.packetNo;
    m.person = peer.keyId;
    m.timestampMs = clock::wallMs();
    // A room's members change only by what can be believed: a marked message (a forged or
    // downgraded one) goes to its sender's one-to-one chat.
    if (opened->room && peer.kind == ClientKind::LanPigeon && m_roomFiling.section &&
        opened->warning == SecurityWarning::None)
        m.roomId = m_roomFiling.section(*opened->room, peer, &m.notice);
    else if (iptuxGroup && m_roomFiling.iptuxGroup)
        m.roomId = m_roomFiling.iptuxGroup(peer);
    std::optional<FileOffer> offer;
    std::optional<FileOffer> pictures;
    if (packet.has(Opt::FileAttach) && !undecryptable) {
        auto files = parseFileList(opened->fileList);
        if (files) {
            FileOffer taken = takePictures(&*files, &m);
            if (!taken.items.isEmpty()) {
                taken.peerId = peer.id;
                taken.peerNick = peer.displayName();
                taken.address = from;
                taken.port = port;
                taken.packetNo = packet.packetNo;
                taken.kind = peer.kind;
                pictures = taken;
            }
        }
        if (files && !files->isEmpty()) {
            offer = FileOffer();
            offer->peerId = peer.id;
            offer->peerNick = peer.displayName();
            offer->address = from;
            offer->port = port;
            offer->packetNo = packet.packetNo;
            offer->message = m.text;
            offer->kind = peer.kind;
            offer->codec = packet.has(Opt::Utf8) || peer.takesUtf8
                               ? QByteArrayLiteral("UTF-8")
                               : text::legacyCodecFor(peer.kind, legacy);
            for (const OfferedFile &f : *files) {
                OfferItem item;
                item.fileId = f.id;
                item.name = text::decodeFromPeer(f.name, packet.has(Opt::Utf8), peer.kind, legacy);
                item.size = f.size;
                item.mtime = f.ext.value(FileAttr::MTimeKey, quint64(f.mtime));
                item.isDir = f.type() == FileAttr::Dir;
                offer->items.append(item);
            }
        }
    }
    // Store first: an acknowledged message must already be on disk.
    // A text that was only marks (iptux's picture places, FeiQ's font) has nothing to show.
    const bool worthStoring = !m.text.isEmpty() || !m.pictures.isEmpty() || undecryptable ||
                              (!offer && opened->body.isEmpty());
    if (worthStoring && !m_history->insert(m, &m.rowId)) {
        // Unacknowledged, so the sender tries again and the message is not lost.
        qCInfo(lcMessages, "packet %llu from %s:%u not taken: history failed", packet.packetNo,
               qPrintable(from.toString()), port);
        emit storageFailed(m_history->lastError());
        return;
    }
    rememberIncoming(seenKey);
    quint64 &last = m_lastPacketNo[from.toString()];
    last = std::max(last, packet.packetNo);
    if (m.warning != SecurityWarning::None)
        qCInfo(lcMessages, "packet %llu from %s:%u (%s) marked unverified: %s", packet.packetNo,
               qPrintable(from.toString()), port, qPrintable(DiscoveryService::keyIdOf(packet)),
               qPrintable(securityWarningName(m.warning)));
    if (undecryptable) {
        if (m_undecryptable.size() >= SeenCapacity)
            m_undecryptable.clear();
        m_undecryptable.insert(seenKey);
    } else if (wantsAck) {
        acknowledge(Mode::RecvMsg, packet.packetNo, from, port);
    }
    if (m.sealed)
        m_sealedReceived.insert(m.id, {from, port, packet.packetNo, peer.id});
    if (worthStoring)
        emit messageReceived(m);
    if (pictures)
        emit picturesOffered(m, *pictures);
    if (offer)
        emit offerReceived(*offer);

    // A group chat is not where an away text goes; nor is a peer whose key is judged changed,
    // maybe someone posing as a buddy: that we are away is for the people we know.
    const Peer *sender = m_discovery->peer(peer.id);
    const bool keyChanged = m.warning == SecurityWarning::KeyChanged ||
                            (sender && sender->key.trust == crypto::KeyTrust::Changed);
    if (m_config.status != Status::Online && !m.autoReply && !packet.has(Opt::Broadcast) &&
        m.roomId.isNull() && !keyChanged && mayAutoReply(peer.id)) {
        const QString reply =
            m_config.awayMessage.isEmpty() ? tr("I am away from my desk.") : m_config.awayMessage;
        quint32 command = Mode::SendMsg | Opt::AutoRet;
        Packet auto_ = m_transport->makePacket(0, {});
        const QByteArray body = encodeFor(peer, reply, m_config.legacyCodec, &command);
        // Sealed when we can; never held back for a key, as it is only a courtesy.
        QByteArray extra;
        if (sender && sealsTo(*sender) && KeyExchange::hasKey(*sender))
            extra = sealFor(*sender, auto_.packetNo, body, {}, {}, &command);
        auto_.extra = extra.isEmpty() ? body + '\0' : extra;
        auto_.command = command;
        m_transport->send(auto_, from, port);
        // Our chat shows what they were told, as QQ does. An auto-reply asks for no receipt:
        // it is kept as Delivered (the bubble shows no state for it), never Sending, which a
        // restart would queue again.
        ChatMessage record;
        record.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        record.peerId = peer.id;
        record.peerNick = peer.displayName();
        record.direction = Direction::Outgoing;
        record.text = reply;
        record.autoReply = true;
        record.encrypted = !extra.isEmpty();
        record.state = DeliveryState::Delivered;
        record.packetNo = auto_.packetNo;
        record.timestampMs = clock::wallMs();
        record.person = peer.keyId;
        if (!m_history->insert(record, &record.rowId))
            emit storageFailed(m_history->lastError());
        emit messageStored(record);
    }
}

bool MessageService::mayAutoReply(const QString &peerId)
{
    const qint64 now = clock::monotonicMs();
    const auto last = m_autoReplied.constFind(peerId);
    if (last != m_autoReplied.constEnd() && now - *last < AutoReplyQuietMs)
        return false;
    // Peers who wrote once long ago need no entry: keeps the table as small as the burst.
    if (m_autoReplied.size() >= 1024) {
        for (auto it = m_autoReplied.begin(); it != m_autoReplied.end();)
            it = now - *it >= AutoReplyQuietMs ? m_autoReplied.erase(it) : std::next(it);
    }
    m_autoReplied.insert(peerId, now);
    return true;
}

void MessageService::handlePacket(const Packet &packet, const QHostAddress &from, quint16 port)
{
    switch (packet.mode()) {
    case Mode::BrEntry: {
        // A restarted client counts from its seed again (iptux from 1): its entry then carries
        // a number at or below the last we saw. Re-announcements and probes keep counting up,
        // and forgetting then would show a message resent after them twice.
        const auto last = m_lastPacketNo.constFind(from.toString());
        if (last != m_lastPacketNo.constEnd() && packet.packetNo <= *last)
            forgetSender(from);
        return;
    }
    case Mode::BrExit:
        forgetSender(from);
        return;
    case Mode::SendMsg:
        receiveMessage(packet, from, port);
        return;
    case Mode::IptuxSendMsg:
        // Only its group messages have a place: a room named after the sender's workgroup.
        if ((packet.command & IptuxOpt::Mask) == IptuxOpt::Group && m_roomFiling.iptuxGroup)
            receiveMessage(packet, from, port);
        return;
    case Mode::RecvMsg: {
        const auto acked = referencedPacketNo(packet);
        if (!acked)
            return;
        const auto it = m_pending.find(answeredKey(*acked, from, false));
        if (it == m_pending.end())
            return;
        const Outgoing out = *it;
        m_pending.erase(it);
        setState(out.messageId, out.peerId, DeliveryState::Delivered);
        return;
    }
    case Mode::ReadMsg: {
        const auto read = referencedPacketNo(packet);
        if (!read)
            return;
        if (packet.has(Opt::ReadCheck))
            acknowledge(Mode::AnsReadMsg, *read, from, port);
        const QString key = answeredKey(*read, from, false);
        const auto it = m_sealedSent.find(key);
        if (it == m_sealedSent.end())
            return;
        const auto [messageId, peerId] = *it;
        m_sealedSent.erase(it);
        // A READMSG proves delivery even when the RECVMSG was lost.
        m_pending.remove(key);
        setState(messageId, peerId, DeliveryState::Read);
        return;
    }
    case Mode::AnsReadMsg:
        if (const auto read = referencedPacketNo(packet))
            m_pending.remove(answeredKey(*read, from, true));
        return;
    default:
        return;
    }
}

} // namespace lanpigeon
