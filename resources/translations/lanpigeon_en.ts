<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>PictureStore</name>
    <message>
        <source>picture too large: %1 bytes, at most %2</source>
        <translation>picture too large: %1 bytes, at most %2</translation>
    </message>
    <message>
        <source>not a PNG, JPEG, GIF, WebP or BMP picture</source>
        <translation>not a PNG, JPEG, GIF, WebP or BMP picture</translation>
    </message>
    <message>
        <source>cannot make the folder %1</source>
        <translation>cannot make the folder %1</translation>
    </message>
    <message>
        <source>cannot store the picture in %1: %2</source>
        <translation>cannot store the picture in %1: %2</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>cannot open history %1: %2</source>
        <translation>cannot open history %1: %2</translation>
    </message>
    <message>
        <source>cannot prepare history %1: %2</source>
        <translation>cannot prepare history %1: %2</translation>
    </message>
    <message>
        <source>cannot read history %1</source>
        <translation>cannot read history %1</translation>
    </message>
</context>
<context>
    <name>SecurityMark</name>
    <message>
        <source>Encrypted and verified: messages with %1 are encrypted and signed, and you compared the key&apos;s fingerprint.</source>
        <translation>Encrypted and verified: messages with %1 are encrypted and signed, and you compared the key&apos;s fingerprint.</translation>
    </message>
    <message>
        <source>Encrypted: messages with %1 are encrypted and signed.</source>
        <translation>Encrypted: messages with %1 are encrypted and signed.</translation>
    </message>
    <message>
        <source>Not encrypted yet: %1&apos;s key has not arrived.</source>
        <translation>Not encrypted yet: %1&apos;s key has not arrived.</translation>
    </message>
    <message>
        <source>Not encrypted: %1 (%2) cannot encrypt, so messages and files cross the network in clear text.</source>
        <translation>Not encrypted: %1 (%2) cannot encrypt, so messages and files cross the network in clear text.</translation>
    </message>
    <message>
        <source>Not verified: its signature does not match %1&apos;s key. This message may not be from %1, or was changed on the way.</source>
        <translation>Not verified: its signature does not match %1&apos;s key. This message may not be from %1, or was changed on the way.</translation>
    </message>
    <message>
        <source>Not verified: it is not signed, so it may not be from %1.</source>
        <translation>Not verified: it is not signed, so it may not be from %1.</translation>
    </message>
    <message>
        <source>Could not be decrypted: it was damaged on the way or encrypted for another key. Nothing of it can be shown.</source>
        <translation>Could not be decrypted: it was damaged on the way or encrypted for another key. Nothing of it can be shown.</translation>
    </message>
    <message>
        <source>Not verified: signed with a key other than the one remembered for %1&apos;s login and computer name. This message may not be from %1.</source>
        <extracomment>Keys are remembered by login and computer name, which a new person may share</extracomment>
        <translation>Not verified: signed with a key other than the one remembered for %1&apos;s login and computer name. This message may not be from %1.</translation>
    </message>
    <message>
        <source>Not verified: sent in clear text, although messages from %1&apos;s login and computer name came encrypted before. It may not be from %1.</source>
        <translation>Not verified: sent in clear text, although messages from %1&apos;s login and computer name came encrypted before. It may not be from %1.</translation>
    </message>
    <message>
        <source>Warning: the key of %1&apos;s login and computer name has changed. Compare fingerprints before trusting new messages.</source>
        <extracomment>Keys are remembered by login and computer name, which a new person may share</extracomment>
        <translation>Warning: the key of %1&apos;s login and computer name has changed. Compare fingerprints before trusting new messages.</translation>
    </message>
</context>
<context>
    <name>crypto</name>
    <message>
        <source>Cannot create the profile folder %1.</source>
        <translation>Cannot create the profile folder %1.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Cannot read %1: %2</translation>
    </message>
    <message>
        <source>%1 is not a private key LanPigeon can use.</source>
        <translation>%1 is not a private key LanPigeon can use.</translation>
    </message>
    <message>
        <source>Cannot make a key pair.</source>
        <translation>Cannot make a key pair.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Cannot write %1: %2</translation>
    </message>
    <message>
        <source>The pinned keys in %1 could not be read; they were moved to %2 and every peer&apos;s key will be pinned anew.</source>
        <translation>The pinned keys in %1 could not be read; they were moved to %2 and every peer&apos;s key will be pinned anew.</translation>
    </message>
    <message>
        <source>The pinned keys in %1 could not be read, nor moved aside.</source>
        <translation>The pinned keys in %1 could not be read, nor moved aside.</translation>
    </message>
</context>
<context>
    <name>history</name>
    <message>
        <source>LanPigeon chat with %1 (%2)</source>
        <translation>LanPigeon chat with %1 (%2)</translation>
    </message>
    <message>
        <source>[picture not available]</source>
        <translation>[picture not available]</translation>
    </message>
    <message>
        <source>sealed message, not opened</source>
        <translation>sealed message, not opened</translation>
    </message>
    <message>
        <source>[sealed message, not opened]</source>
        <translation>[sealed message, not opened]</translation>
    </message>
    <message>
        <source>[cancelled, not sent]</source>
        <translation>[cancelled, not sent]</translation>
    </message>
    <message>
        <source>[not delivered]</source>
        <translation>[not delivered]</translation>
    </message>
    <message>
        <source>[queued, not sent yet]</source>
        <translation>[queued, not sent yet]</translation>
    </message>
    <message>
        <source>[expired, not sent]</source>
        <translation>[expired, not sent]</translation>
    </message>
    <message>
        <source>LanPigeon group chat %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[files: %1]</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ipmsg</name>
    <message>
        <source>no error</source>
        <translation>no error</translation>
    </message>
    <message>
        <source>empty datagram</source>
        <translation>empty datagram</translation>
    </message>
    <message>
        <source>datagram larger than 64 KiB</source>
        <translation>datagram larger than 64 KiB</translation>
    </message>
    <message>
        <source>header has fewer than five &apos;:&apos; fields</source>
        <translation>header has fewer than five &apos;:&apos; fields</translation>
    </message>
    <message>
        <source>version is not IPMsg protocol 1</source>
        <translation>version is not IPMsg protocol 1</translation>
    </message>
    <message>
        <source>packet number is not a decimal number</source>
        <translation>packet number is not a decimal number</translation>
    </message>
    <message>
        <source>command is not a 32-bit decimal number</source>
        <translation>command is not a 32-bit decimal number</translation>
    </message>
    <message>
        <source>LanPigeon</source>
        <translation>LanPigeon</translation>
    </message>
    <message>
        <source>iptux</source>
        <translation>iptux</translation>
    </message>
    <message>
        <source>FeiQ</source>
        <translation>FeiQ</translation>
    </message>
    <message>
        <source>IPMsg</source>
        <translation>IPMsg</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unknown</translation>
    </message>
</context>
<context>
    <name>lanpigeon::BuddyTracker</name>
    <message>
        <source>cannot prepare the buddies in history: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lanpigeon::ConversationModel</name>
    <message>
        <source>✉ Sealed message — click to open</source>
        <translation>✉ Sealed message — click to open</translation>
    </message>
</context>
<context>
    <name>lanpigeon::DiscoveryService</name>
    <message>
        <source>left</source>
        <translation>left</translation>
    </message>
    <message>
        <source>timed out</source>
        <translation>timed out</translation>
    </message>
    <message>
        <source>did not answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>another login took this address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the same person as at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>another key at this address</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lanpigeon::FileDownload</name>
    <message>
        <source>%1 sent nothing for %2 s</source>
        <translation>%1 sent nothing for %2 s</translation>
    </message>
    <message>
        <source>refusing to write outside %1</source>
        <translation>refusing to write outside %1</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>cannot write %1: %2</translation>
    </message>
    <message>
        <source>cannot create folder %1</source>
        <translation>cannot create folder %1</translation>
    </message>
    <message>
        <source>cannot write in %1: %2</source>
        <translation>cannot write in %1: %2</translation>
    </message>
    <message>
        <source>cannot bind to %1: %2</source>
        <translation>cannot bind to %1: %2</translation>
    </message>
    <message>
        <source>cannot connect to %1:%2: %3</source>
        <translation>cannot connect to %1:%2: %3</translation>
    </message>
    <message>
        <source>cannot send the request: %1</source>
        <translation>cannot send the request: %1</translation>
    </message>
    <message>
        <source>disk full</source>
        <translation>disk full</translation>
    </message>
    <message>
        <source>connection to %1 broke: %2</source>
        <translation>connection to %1 broke: %2</translation>
    </message>
    <message>
        <source>%1 closed the folder stream early</source>
        <translation>%1 closed the folder stream early</translation>
    </message>
    <message>
        <source>%1 closed the connection after %2 of %3 bytes</source>
        <translation>%1 closed the connection after %2 of %3 bytes</translation>
    </message>
    <message>
        <source>cannot rename %1: %2</source>
        <translation>cannot rename %1: %2</translation>
    </message>
    <message>
        <source>folder stream has more than %1 entries</source>
        <translation>folder stream has more than %1 entries</translation>
    </message>
    <message>
        <source>folder stream is far larger than the %1 bytes offered</source>
        <translation>folder stream is far larger than the %1 bytes offered</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <source>too many downloads of this name</source>
        <translation>too many downloads of this name</translation>
    </message>
    <message numerus="yes">
        <source>%1 (after %n reconnects)</source>
        <translation>
            <numerusform>%1 (after %n reconnect)</numerusform>
            <numerusform>%1 (after %n reconnects)</numerusform>
        </translation>
    </message>
    <message>
        <source>cannot encrypt the request</source>
        <translation>cannot encrypt the request</translation>
    </message>
</context>
<context>
    <name>lanpigeon::FileTransferService</name>
    <message>
        <source>cannot listen on TCP %1:%2: %3</source>
        <translation>cannot listen on TCP %1:%2: %3</translation>
    </message>
    <message>
        <source>%1 is neither a file nor a folder</source>
        <translation>%1 is neither a file nor a folder</translation>
    </message>
    <message>
        <source>file no longer exists: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lanpigeon::FileUpload</name>
    <message>
        <source>%1 did not close the connection after the last byte</source>
        <translation>%1 did not close the connection after the last byte</translation>
    </message>
    <message>
        <source>no request within %1 s</source>
        <translation>no request within %1 s</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <source>%1 aborted the transfer: %2</source>
        <translation>%1 aborted the transfer: %2</translation>
    </message>
    <message>
        <source>request longer than %1 bytes</source>
        <translation>request longer than %1 bytes</translation>
    </message>
    <message>
        <source>peer closed the connection without a request</source>
        <translation>peer closed the connection without a request</translation>
    </message>
    <message>
        <source>bad request: %1</source>
        <translation>bad request: %1</translation>
    </message>
    <message>
        <source>not a file request</source>
        <translation>not a file request</translation>
    </message>
    <message>
        <source>%1 asked for file %2 of offer %3, which it may not fetch</source>
        <translation>%1 asked for file %2 of offer %3, which it may not fetch</translation>
    </message>
    <message>
        <source>%1 is not a folder any more</source>
        <translation>%1 is not a folder any more</translation>
    </message>
    <message>
        <source>%1 is not a file any more</source>
        <translation>%1 is not a file any more</translation>
    </message>
    <message>
        <source>%1 changed size since it was offered (%2 -&gt; %3 bytes)</source>
        <translation>%1 changed size since it was offered (%2 -&gt; %3 bytes)</translation>
    </message>
    <message>
        <source>offset %1 beyond the end of %2</source>
        <translation>offset %1 beyond the end of %2</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>cannot read %1: %2</translation>
    </message>
    <message>
        <source>peer went away: %1</source>
        <translation>peer went away: %1</translation>
    </message>
    <message>
        <source>%1 shrank while being sent</source>
        <translation>%1 shrank while being sent</translation>
    </message>
    <message>
        <source>%1 (%2) asked for a file in plain text, and encryption is required</source>
        <translation>%1 (%2) asked for a file in plain text, and encryption is required</translation>
    </message>
    <message>
        <source>%1 sent an encrypted request, and we have no key</source>
        <translation>%1 sent an encrypted request, and we have no key</translation>
    </message>
    <message>
        <source>%1 sent a request that does not decrypt with our key</source>
        <translation>%1 sent a request that does not decrypt with our key</translation>
    </message>
    <message>
        <source>%1 sent an unsigned request</source>
        <translation>%1 sent an unsigned request</translation>
    </message>
    <message>
        <source>%1 signed its request, and we hold no key for it</source>
        <translation>%1 signed its request, and we hold no key for it</translation>
    </message>
    <message>
        <source>%1 sent a request with a bad signature</source>
        <translation>%1 sent a request with a bad signature</translation>
    </message>
    <message>
        <source>%1 signed its request with a key other than the one pinned for it</source>
        <translation>%1 signed its request with a key other than the one pinned for it</translation>
    </message>
    <message>
        <source>%1 sent a malformed encrypted request</source>
        <translation>%1 sent a malformed encrypted request</translation>
    </message>
    <message>
        <source>%1 sent request number %2 again, or one older than its last</source>
        <translation>%1 sent request number %2 again, or one older than its last</translation>
    </message>
    <message>
        <source>cannot encrypt the transfer</source>
        <translation>cannot encrypt the transfer</translation>
    </message>
</context>
<context>
    <name>lanpigeon::GroupedPeerModel</name>
    <message>
        <source>No workgroup</source>
        <translation>No workgroup</translation>
    </message>
    <message>
        <source>%1 (%2 online)</source>
        <translation>%1 (%2 online)</translation>
    </message>
    <message>
        <source>%1 (%2 online, %3 away)</source>
        <translation>%1 (%2 online, %3 away)</translation>
    </message>
    <message>
        <source>%1 (%2 online, %3 away, %4 busy)</source>
        <translation>%1 (%2 online, %3 away, %4 busy)</translation>
    </message>
    <message>
        <source>%1 (%2 online, %3 busy)</source>
        <translation>%1 (%2 online, %3 busy)</translation>
    </message>
    <message>
        <source>%1 %2/%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 away, %3 busy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 busy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 away)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline, last seen %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lanpigeon::IptuxPictureReceive</name>
    <message>
        <source>the picture from %1 took longer than %2 s</source>
        <translation>the picture from %1 took longer than %2 s</translation>
    </message>
    <message>
        <source>%1 stopped sending the picture</source>
        <translation>%1 stopped sending the picture</translation>
    </message>
    <message>
        <source>the picture is larger than %1 MB</source>
        <translation>the picture is larger than %1 MB</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <source>%1 went away while sending a picture: %2</source>
        <translation>%1 went away while sending a picture: %2</translation>
    </message>
</context>
<context>
    <name>lanpigeon::IptuxPictureSend</name>
    <message>
        <source>%1 stopped taking the picture</source>
        <translation>%1 stopped taking the picture</translation>
    </message>
    <message>
        <source>cannot bind to %1: %2</source>
        <translation>cannot bind to %1: %2</translation>
    </message>
    <message>
        <source>cannot connect to %1:%2: %3</source>
        <translation>cannot connect to %1:%2: %3</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <source>%1 went away while taking the picture: %2</source>
        <translation>%1 went away while taking the picture: %2</translation>
    </message>
</context>
<context>
    <name>lanpigeon::MessageService</name>
    <message>
        <source>&apos;%1&apos; is not an address</source>
        <translation>&apos;%1&apos; is not an address</translation>
    </message>
    <message>
        <source>message too long: %1 bytes, %2 (%3) reads at most %4</source>
        <translation>message too long: %1 bytes, %2 (%3) reads at most %4</translation>
    </message>
    <message>
        <source>no answer from %1 after %2 attempts</source>
        <translation>no answer from %1 after %2 attempts</translation>
    </message>
    <message>
        <source>I am away from my desk.</source>
        <translation>I am away from my desk.</translation>
    </message>
    <message>
        <source>more than %1 pictures in one message</source>
        <translation>more than %1 pictures in one message</translation>
    </message>
    <message>
        <source>%1 cannot encrypt: not sent, plain text is refused</source>
        <translation>%1 cannot encrypt: not sent, plain text is refused</translation>
    </message>
    <message>
        <source>cannot encrypt for %1: its key or ciphers do not suit ours; not sent</source>
        <translation>cannot encrypt for %1: its key or ciphers do not suit ours; not sent</translation>
    </message>
    <message>
        <source>%1 sent no encryption key: not sent, rather than as plain text</source>
        <translation>%1 sent no encryption key: not sent, rather than as plain text</translation>
    </message>
    <message>
        <source>not sent: they are away and someone else has their address</source>
        <translation>not sent: they are away and someone else has their address</translation>
    </message>
</context>
<context>
    <name>lanpigeon::Messenger</name>
    <message>
        <source>history: %1</source>
        <translation>history: %1</translation>
    </message>
    <message>
        <source>ignored malformed datagram from %1:%2: %3</source>
        <translation>ignored malformed datagram from %1:%2: %3</translation>
    </message>
    <message>
        <source>refused an unsigned download request from %1 (%2)</source>
        <translation>refused an unsigned download request from %1 (%2)</translation>
    </message>
    <message>
        <source>refused a download request with a bad signature from %1 (%2)</source>
        <translation>refused a download request with a bad signature from %1 (%2)</translation>
    </message>
    <message>
        <source>refused a download request from %1 (%2): its key has changed</source>
        <translation>refused a download request from %1 (%2): its key has changed</translation>
    </message>
    <message>
        <source>refused a download request from %1 (%2) that does not decrypt</source>
        <translation>refused a download request from %1 (%2) that does not decrypt</translation>
    </message>
    <message>
        <source>refused a replayed download request from %1 (%2)</source>
        <translation>refused a replayed download request from %1 (%2)</translation>
    </message>
    <message>
        <source>refused a download request from %1 (%2) for a file not offered to it</source>
        <translation>refused a download request from %1 (%2) for a file not offered to it</translation>
    </message>
    <message>
        <source>refused a plain-text download request from %1 (%2): encryption is required</source>
        <translation>refused a plain-text download request from %1 (%2): encryption is required</translation>
    </message>
</context>
<context>
    <name>lanpigeon::NetworkNode</name>
    <message>
        <source>cannot open our encryption key in %1: %2</source>
        <translation>cannot open our encryption key in %1: %2</translation>
    </message>
    <message>
        <source>not connected: start LanPigeon first</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lanpigeon::OfflineQueue</name>
    <message>
        <source>cancelled</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <source>not sent: %1 did not come back in time</source>
        <translation>not sent: %1 did not come back in time</translation>
    </message>
    <message>
        <source>not fetched before LanPigeon was closed: its files are no longer offered</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lanpigeon::PeerModel</name>
    <message>
        <source>The key of this login and computer name has changed: compare fingerprints before trusting new messages.</source>
        <extracomment>Keys are remembered by login and computer name, which a new person may share</extracomment>
        <translation>The key of this login and computer name has changed: compare fingerprints before trusting new messages.</translation>
    </message>
    <message>
        <source>Online at %1</source>
        <extracomment>The person&apos;s computer is on several networks; %1 lists address:port pairs</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lanpigeon::RecentChatsModel</name>
    <message>
        <source>%1 (offline)</source>
        <translation>%1 (offline)</translation>
    </message>
    <message>
        <source>✉ Sealed message</source>
        <translation>✉ Sealed message</translation>
    </message>
    <message>
        <source>📎 Files</source>
        <translation>📎 Files</translation>
    </message>
    <message>
        <source>[auto-reply] %1</source>
        <translation>[auto-reply] %1</translation>
    </message>
    <message>
        <source>Me: %1</source>
        <translation>Me: %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 and %n more</numerusform>
            <numerusform>%1 and %n more</numerusform>
        </translation>
    </message>
    <message>
        <source>📎 %1</source>
        <translation>📎 %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Group chat</source>
        <translation>Group chat</translation>
    </message>
    <message>
        <source>📁 %1</source>
        <translation>📁 %1</translation>
    </message>
</context>
<context>
    <name>lanpigeon::RoomListModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>You left this group chat</source>
        <translation>You left this group chat</translation>
    </message>
    <message>
        <source>You were removed by %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lanpigeon::RoomNotice</name>
    <message>
        <source>You created the group chat</source>
        <translation>You created the group chat</translation>
    </message>
    <message>
        <source>%1 created the group chat</source>
        <translation>%1 created the group chat</translation>
    </message>
    <message>
        <source>You added %1</source>
        <translation>You added %1</translation>
    </message>
    <message>
        <source>%1 added %2</source>
        <translation>%1 added %2</translation>
    </message>
    <message>
        <source>You removed %1</source>
        <translation>You removed %1</translation>
    </message>
    <message>
        <source>%1 removed %2</source>
        <translation>%1 removed %2</translation>
    </message>
    <message>
        <source>You left the group chat</source>
        <translation>You left the group chat</translation>
    </message>
    <message>
        <source>%1 left the group chat</source>
        <translation>%1 left the group chat</translation>
    </message>
    <message>
        <source>You changed the members</source>
        <translation>You changed the members</translation>
    </message>
    <message>
        <source>%1 changed the members</source>
        <translation>%1 changed the members</translation>
    </message>
    <message>
        <source>%1 removed you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 removed you and %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lanpigeon::RoomService</name>
    <message>
        <source>cannot prepare group chats: %1</source>
        <translation>cannot prepare group chats: %1</translation>
    </message>
    <message>
        <source>%1 created the group chat</source>
        <translation>%1 created the group chat</translation>
    </message>
    <message>
        <source>%1 added %2</source>
        <translation>%1 added %2</translation>
    </message>
    <message>
        <source>%1 left the group chat</source>
        <translation>%1 left the group chat</translation>
    </message>
    <message>
        <source>%1 removed %2</source>
        <translation>%1 removed %2</translation>
    </message>
</context>
<context>
    <name>lanpigeon::TransferModel</name>
    <message>
        <source>waiting</source>
        <translation>waiting</translation>
    </message>
    <message>
        <source>active</source>
        <translation>active</translation>
    </message>
    <message>
        <source>done</source>
        <translation>done</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>failed</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelled</translation>
    </message>
</context>
<context>
    <name>lanpigeon::UdpTransport</name>
    <message>
        <source>cannot bind UDP %1:%2: %3</source>
        <translation>cannot bind UDP %1:%2: %3</translation>
    </message>
    <message>
        <source>packet of %1 bytes exceeds the UDP limit of %2 bytes</source>
        <translation>packet of %1 bytes exceeds the UDP limit of %2 bytes</translation>
    </message>
    <message>
        <source>cannot send to %1:%2: %3</source>
        <translation>cannot send to %1:%2: %3</translation>
    </message>
    <message numerus="yes">
        <source>%n more malformed datagram(s) in the last second not reported one by one</source>
        <translation>
            <numerusform>%n more malformed datagram in the last second not reported one by one</numerusform>
            <numerusform>%n more malformed datagrams in the last second not reported one by one</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lanpigeon::pictures::PictureService</name>
    <message>
        <source>[picture: %1]</source>
        <translation>[picture: %1]</translation>
    </message>
    <message>
        <source>picture not received: %1</source>
        <translation>picture not received: %1</translation>
    </message>
    <message>
        <source>picture too large: %1 bytes, at most %2</source>
        <translation>picture too large: %1 bytes, at most %2</translation>
    </message>
    <message>
        <source>too many pictures arriving: more than %1 wait to be fetched</source>
        <translation>too many pictures arriving: more than %1 wait to be fetched</translation>
    </message>
    <message>
        <source>picture not fetched: %1</source>
        <translation>picture not fetched: %1</translation>
    </message>
    <message>
        <source>cannot read the fetched picture: %1</source>
        <translation>cannot read the fetched picture: %1</translation>
    </message>
</context>
<context>
    <name>lanpigeon::tftp::TftpClient</name>
    <message>
        <source>cannot open %1: %2</source>
        <translation>cannot open %1: %2</translation>
    </message>
    <message>
        <source>cannot rename %1</source>
        <translation>cannot rename %1</translation>
    </message>
</context>
<context>
    <name>lanpigeon::tftp::TftpServer</name>
    <message>
        <source>%1 is not a folder</source>
        <translation>%1 is not a folder</translation>
    </message>
    <message>
        <source>cannot bind UDP %1:%2: %3</source>
        <translation>cannot bind UDP %1:%2: %3</translation>
    </message>
</context>
<context>
    <name>lanpigeon::tftp::TftpTransfer</name>
    <message>
        <source>cannot open a UDP socket: %1</source>
        <translation>cannot open a UDP socket: %1</translation>
    </message>
    <message>
        <source>no TFTP server at %1 port %2 (port unreachable)</source>
        <translation>no TFTP server at %1 port %2 (port unreachable)</translation>
    </message>
    <message>
        <source>%1 closed its end of the transfer (port unreachable)</source>
        <translation>%1 closed its end of the transfer (port unreachable)</translation>
    </message>
    <message>
        <source>peer error %1: %2</source>
        <translation>peer error %1: %2</translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::Autostart</name>
    <message>
        <source>Could not remove %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not make the folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::BubbleDelegate</name>
    <message>
        <source>sending…</source>
        <translation>sending…</translation>
    </message>
    <message>
        <source>✓ delivered</source>
        <translation>✓ delivered</translation>
    </message>
    <message>
        <source>✓✓ read</source>
        <translation>✓✓ read</translation>
    </message>
    <message>
        <source>✉ sending…</source>
        <translation>✉ sending…</translation>
    </message>
    <message>
        <source>✉ sealed, not opened yet</source>
        <translation>✉ sealed, not opened yet</translation>
    </message>
    <message>
        <source>✗ not delivered</source>
        <translation>✗ not delivered</translation>
    </message>
    <message>
        <source>✗ not sent</source>
        <translation>✗ not sent</translation>
    </message>
    <message>
        <source>[auto-reply]</source>
        <translation>[auto-reply]</translation>
    </message>
    <message>
        <source>✉ opened</source>
        <translation>✉ opened</translation>
    </message>
    <message>
        <source>offered, waiting for them to accept</source>
        <translation>offered, waiting for them to accept</translation>
    </message>
    <message>
        <source>being fetched, %1%</source>
        <translation>being fetched, %1%</translation>
    </message>
    <message>
        <source>✓ fetched</source>
        <translation>✓ fetched</translation>
    </message>
    <message>
        <source>declined</source>
        <translation>declined</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <source>✗ failed</source>
        <translation>✗ failed</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>no reason given</translation>
    </message>
    <message>
        <source>%1. Sending it again cannot help: shorten it, or send it as a file.</source>
        <translation>%1. Sending it again cannot help: shorten it, or send it as a file.</translation>
    </message>
    <message>
        <source>%1. Sending it again cannot help.</source>
        <translation>%1. Sending it again cannot help.</translation>
    </message>
    <message>
        <source>%1. Double-click to send it again.</source>
        <translation>%1. Double-click to send it again.</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Yesterday</translation>
    </message>
    <message>
        <source>ddd d MMM</source>
        <extracomment>Date format of a day separator in the current year (QDate format), e.g. Mon 23 Nov</extracomment>
        <translation>ddd d MMM</translation>
    </message>
    <message>
        <source>too large</source>
        <translation>too large</translation>
    </message>
    <message>
        <source>not a picture</source>
        <translation>not a picture</translation>
    </message>
    <message>
        <source>format not supported</source>
        <translation>format not supported</translation>
    </message>
    <message>
        <source>damaged or incomplete</source>
        <translation>damaged or incomplete</translation>
    </message>
    <message>
        <source>Picture did not arrive: %1</source>
        <translation>Picture did not arrive: %1</translation>
    </message>
    <message>
        <source>[picture]</source>
        <translation>[picture]</translation>
    </message>
    <message>
        <source>Picture could not be shown: %1</source>
        <translation>Picture could not be shown: %1</translation>
    </message>
    <message>
        <source>loading picture…</source>
        <translation>loading picture…</translation>
    </message>
    <message>
        <source>picture arriving…</source>
        <translation>picture arriving…</translation>
    </message>
    <message>
        <source>%1. To send it in clear text, turn off &quot;Only send to peers who can encrypt&quot; in Settings, then double-click it.</source>
        <translation>%1. To send it in clear text, turn off &quot;Only send to peers who can encrypt&quot; in Settings, then double-click it.</translation>
    </message>
    <message>
        <source>Too long for the peer to read in one message</source>
        <translation>Too long for the peer to read in one message</translation>
    </message>
    <message>
        <source>Not sent: the peer has no valid address</source>
        <translation>Not sent: the peer has no valid address</translation>
    </message>
    <message>
        <source>No answer from the peer</source>
        <translation>No answer from the peer</translation>
    </message>
    <message>
        <source>The network refused to send it</source>
        <translation>The network refused to send it</translation>
    </message>
    <message>
        <source>Not sent: the peer cannot encrypt, and plain text is refused</source>
        <translation>Not sent: the peer cannot encrypt, and plain text is refused</translation>
    </message>
    <message>
        <source>Not sent: it could not be encrypted for the peer, and it is never sent in clear text instead</source>
        <translation>Not sent: it could not be encrypted for the peer, and it is never sent in clear text instead</translation>
    </message>
    <message>
        <source>Queued — will be sent when %1 is back</source>
        <translation>Queued — will be sent when %1 is back</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Queued — waits until you check %1&apos;s new key (Security)</source>
        <translation>Queued — waits until you check %1&apos;s new key (Security)</translation>
    </message>
    <message>
        <source>Not sent: a file of it no longer exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not fetched before LanPigeon was closed: its files are no longer offered</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::BuddyDelegate</name>
    <message>
        <source>[busy] %1</source>
        <translation>[busy] %1</translation>
    </message>
    <message>
        <source>[away] %1</source>
        <translation>[away] %1</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Yesterday</translation>
    </message>
    <message>
        <source>[busy]</source>
        <translation>[busy]</translation>
    </message>
    <message>
        <source>[away]</source>
        <translation>[away]</translation>
    </message>
    <message>
        <source>%1 (offline)</source>
        <translation>%1 (offline)</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n member</numerusform>
            <numerusform>%n members</numerusform>
        </translation>
    </message>
    <message>
        <source>👥 %1</source>
        <translation>👥 %1</translation>
    </message>
    <message>
        <source>offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offline, seen %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::ChatPage</name>
    <message>
        <source>📄 File</source>
        <translation>📄 File</translation>
    </message>
    <message>
        <source>Send files</source>
        <translation>Send files</translation>
    </message>
    <message>
        <source>📁 Folder</source>
        <translation>📁 Folder</translation>
    </message>
    <message>
        <source>Send a folder</source>
        <translation>Send a folder</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>no workgroup</source>
        <translation>no workgroup</translation>
    </message>
    <message>
        <source>Emoji</source>
        <translation>Emoji</translation>
    </message>
    <message>
        <source>🔍 Search history</source>
        <translation>🔍 Search history</translation>
    </message>
    <message>
        <source>Searching for “%1”…</source>
        <translation>Searching for “%1”…</translation>
    </message>
    <message>
        <source>No message contains “%1”.</source>
        <translation>No message contains “%1”.</translation>
    </message>
    <message>
        <source>✉ Sealed</source>
        <translation>✉ Sealed</translation>
    </message>
    <message>
        <source>Seal the next message: %1 must click it to read it, and you see when it was opened (Ctrl+Shift+S)</source>
        <translation>Seal the next message: %1 must click it to read it, and you see when it was opened (Ctrl+Shift+S)</translation>
    </message>
    <message>
        <source>Sealed: %1 must click the message to read it</source>
        <translation>Sealed: %1 must click the message to read it</translation>
    </message>
    <message>
        <source>Too long for %1: %2 bytes, at most %3 fit in one message. Shorten it, or send it as a file.</source>
        <translation>Too long for %1: %2 bytes, at most %3 fit in one message. Shorten it, or send it as a file.</translation>
    </message>
    <message>
        <source>📎 %1 (%2)</source>
        <translation>📎 %1 (%2)</translation>
    </message>
    <message>
        <source>📎 %1</source>
        <translation>📎 %1</translation>
    </message>
    <message>
        <source>%1 stopped fetching it</source>
        <translation>%1 stopped fetching it</translation>
    </message>
    <message>
        <source>Open sealed message</source>
        <translation>Open sealed message</translation>
    </message>
    <message>
        <source>Copy text</source>
        <translation>Copy text</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>Send again</translation>
    </message>
    <message>
        <source>Cancel sending</source>
        <translation>Cancel sending</translation>
    </message>
    <message>
        <source>🌙 away</source>
        <translation>🌙 away</translation>
    </message>
    <message>
        <source>🌙 away: %1</source>
        <translation>🌙 away: %1</translation>
    </message>
    <message>
        <source>⛔ busy</source>
        <translation>⛔ busy</translation>
    </message>
    <message>
        <source>⛔ busy: %1</source>
        <translation>⛔ busy: %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; &lt;span style=&apos;color:%2&apos;&gt;— offline&lt;/span&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; &lt;span style=&apos;color:%2&apos;&gt;— offline&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;%7 &lt;span style=&apos;color:%8&apos;&gt;%2@%3 (%4) · %5 · %6&lt;/span&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;%7 &lt;span style=&apos;color:%8&apos;&gt;%2@%3 (%4) · %5 · %6&lt;/span&gt;</translation>
    </message>
    <message>
        <source>🖼 Picture</source>
        <translation>🖼 Picture</translation>
    </message>
    <message>
        <source>Put a picture in the message (PNG, JPEG, GIF or WebP)</source>
        <translation>Put a picture in the message (PNG, JPEG, GIF or WebP)</translation>
    </message>
    <message>
        <source>Put pictures in the message</source>
        <translation>Put pictures in the message</translation>
    </message>
    <message>
        <source>Pictures (*.png *.jpg *.jpeg *.gif *.webp *.bmp)</source>
        <translation>Pictures (*.png *.jpg *.jpeg *.gif *.webp *.bmp)</translation>
    </message>
    <message>
        <source>✂ Screenshot</source>
        <translation>✂ Screenshot</translation>
    </message>
    <message>
        <source>Drag out a region of the screen to put in the message (Ctrl+Alt+A)</source>
        <translation>Drag out a region of the screen to put in the message (Ctrl+Alt+A)</translation>
    </message>
    <message>
        <source>Hide LanPigeon&apos;s windows</source>
        <translation>Hide LanPigeon&apos;s windows</translation>
    </message>
    <message>
        <source>Compare fingerprints…</source>
        <translation>Compare fingerprints…</translation>
    </message>
    <message>
        <source>Change in Settings…</source>
        <translation>Change in Settings…</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 cannot encrypt.&lt;/b&gt; Your setting &quot;Only send to peers who can encrypt&quot; refuses clear text: messages and files to %1 will not be sent.</source>
        <translation>&lt;b&gt;%1 cannot encrypt.&lt;/b&gt; Your setting &quot;Only send to peers who can encrypt&quot; refuses clear text: messages and files to %1 will not be sent.</translation>
    </message>
    <message>
        <source>Not sent: %1 cannot encrypt, and your setting refuses clear text. Change it in Settings, under Privacy.</source>
        <translation>Not sent: %1 cannot encrypt, and your setting refuses clear text. Change it in Settings, under Privacy.</translation>
    </message>
    <message>
        <source>Export or delete this chat&apos;s history</source>
        <translation>Export or delete this chat&apos;s history</translation>
    </message>
    <message>
        <source>Export chat…</source>
        <translation>Export chat…</translation>
    </message>
    <message>
        <source>Delete chat history…</source>
        <translation>Delete chat history…</translation>
    </message>
    <message>
        <source>Chat exported to %1.</source>
        <translation>Chat exported to %1.</translation>
    </message>
    <message>
        <source>Could not export the chat to %1: %2</source>
        <translation>Could not export the chat to %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n message(s) from history.</source>
        <translation>
            <numerusform>Deleted %n message from history.</numerusform>
            <numerusform>Deleted %n messages from history.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not delete the chat&apos;s history.</source>
        <translation>Could not delete the chat&apos;s history.</translation>
    </message>
    <message>
        <source>&lt;b&gt;The key of %1&apos;s login and computer name has changed.&lt;/b&gt; It may be someone else. Compare fingerprints before trusting new messages.</source>
        <extracomment>Keys are remembered by login and computer name, which a new person may share</extracomment>
        <translation>&lt;b&gt;The key of %1&apos;s login and computer name has changed.&lt;/b&gt; It may be someone else. Compare fingerprints before trusting new messages.</translation>
    </message>
    <message>
        <source>Exporting the chat to %1…</source>
        <translation>Exporting the chat to %1…</translation>
    </message>
    <message>
        <source>Web page with pictures (*.html)</source>
        <translation>Web page with pictures (*.html)</translation>
    </message>
    <message>
        <source>Plain text (*.txt)</source>
        <translation>Plain text (*.txt)</translation>
    </message>
    <message>
        <source>Export chat</source>
        <translation>Export chat</translation>
    </message>
    <message>
        <source>Chat with %1</source>
        <translation>Chat with %1</translation>
    </message>
    <message>
        <source>Delete chat history</source>
        <translation>Delete chat history</translation>
    </message>
    <message>
        <source>Delete every message of your chat with %1 from history? This cannot be undone.</source>
        <translation>Delete every message of your chat with %1 from history? This cannot be undone.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message numerus="yes">
        <source>That message is more than %n message(s) back; scroll up to reach it.</source>
        <translation>
            <numerusform>That message is more than %n message back; scroll up to reach it.</numerusform>
            <numerusform>That message is more than %n messages back; scroll up to reach it.</numerusform>
        </translation>
    </message>
    <message>
        <source>Group chat</source>
        <translation>Group chat</translation>
    </message>
    <message>
        <source>Add members…</source>
        <translation>Add members…</translation>
    </message>
    <message>
        <source>Leave group chat</source>
        <translation>Leave group chat</translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation>%1 (you)</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%1&lt;/b&gt; &lt;span style=&apos;color:%3&apos;&gt;· %n member(s), %2 online&lt;/span&gt;</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; &lt;span style=&apos;color:%3&apos;&gt;· %n member, %2 online&lt;/span&gt;</numerusform>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; &lt;span style=&apos;color:%3&apos;&gt;· %n members, %2 online&lt;/span&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>Members (%1/%2)</source>
        <translation>Members (%1/%2)</translation>
    </message>
    <message>
        <source>Leave group chat…</source>
        <translation>Leave group chat…</translation>
    </message>
    <message>
        <source>Remove from group chat</source>
        <translation>Remove from group chat</translation>
    </message>
    <message>
        <source>Leave “%1”? You will get none of its messages until a member adds you again. Its history stays.</source>
        <translation>Leave “%1”? You will get none of its messages until a member adds you again. Its history stays.</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>Leave</translation>
    </message>
    <message>
        <source>%1 (offline)</source>
        <translation>%1 (offline)</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) contain “%1” (click one to see it in the conversation; Esc closes the search):</source>
        <translation>
            <numerusform>%n message contains “%1” (click it to see it in the conversation; Esc closes the search):</numerusform>
            <numerusform>%n messages contain “%1” (click one to see it in the conversation; Esc closes the search):</numerusform>
        </translation>
    </message>
    <message>
        <source>A message found for “%1”: Enter in the search box shows the results again, Esc closes the search.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat with %1 (%2)</source>
        <translation>Chat with %1 (%2)</translation>
    </message>
    <message>
        <source>Nobody else is in this group chat: add members to write to it. People who share your login and computer name (%1@%2) cannot be members.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide the members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group chat %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete every message of the group chat %1 from your history? The group chat and its members stay. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) still waiting to be sent will not be sent.</source>
        <translation>
            <numerusform>%n message still waiting to be sent will not be sent.</numerusform>
            <numerusform>%n messages still waiting to be sent will not be sent.</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; &lt;span style=&apos;color:%2&apos;&gt;— %3&lt;/span&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a message to everyone in the group chat (words and emoji)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queued until they are back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sending…</source>
        <translation>sending…</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>✓ delivered</source>
        <translation>✓ delivered</translation>
    </message>
    <message numerus="yes">
        <source>✓ delivered to all %n</source>
        <translation>
            <numerusform>✓ delivered to %n</numerusform>
            <numerusform>✓ delivered to all %n</numerusform>
        </translation>
    </message>
    <message>
        <source>Delivered to %1 of %2</source>
        <translation>Delivered to %1 of %2</translation>
    </message>
    <message>
        <source>Queued for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Queued for %1 and %n more</source>
        <translation>
            <numerusform>Queued for %1 and %n more</numerusform>
            <numerusform>Queued for %1 and %n more</numerusform>
        </translation>
    </message>
    <message>
        <source>not sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>📁 %1</source>
        <translation>📁 %1</translation>
    </message>
    <message>
        <source>📁 %1 (%2)</source>
        <translation>📁 %1 (%2)</translation>
    </message>
    <message>
        <source>Delivered to %1 of %2 · queued for %3</source>
        <translation>Delivered to %1 of %2 · queued for %3</translation>
    </message>
    <message numerus="yes">
        <source>Delivered to %1 of %2 · queued for %3 and %n more</source>
        <translation>
            <numerusform>Delivered to %1 of %2 · queued for %3 and %n more</numerusform>
            <numerusform>Delivered to %1 of %2 · queued for %3 and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::ChatWindow</name>
    <message>
        <source>Chat — LanPigeon</source>
        <translation>Chat — LanPigeon</translation>
    </message>
    <message>
        <source>%1 — LanPigeon</source>
        <translation>%1 — LanPigeon</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 (offline)</source>
        <translation>%1 (offline)</translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::GroupMessageDialog</name>
    <message>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>Group message</source>
        <translation>Group message</translation>
    </message>
    <message>
        <source>Everyone online</source>
        <translation>Everyone online</translation>
    </message>
    <message>
        <source>Type the message for everyone ticked</source>
        <translation>Type the message for everyone ticked</translation>
    </message>
    <message>
        <source>Nobody is online to write to.</source>
        <translation>Nobody is online to write to.</translation>
    </message>
    <message>
        <source>Tick the people this message is for:</source>
        <translation>Tick the people this message is for:</translation>
    </message>
    <message numerus="yes">
        <source>To %n of %1: %2</source>
        <translation>
            <numerusform>To %n of %1: %2</numerusform>
            <numerusform>To %n of %1: %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::Launcher</name>
    <message>
        <source>No system tray here: LanPigeon stays in view.</source>
        <translation>No system tray here: LanPigeon stays in view.</translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::MainWindow</name>
    <message>
        <source>LanPigeon</source>
        <translation>LanPigeon</translation>
    </message>
    <message>
        <source>Search by name, group or IP</source>
        <translation>Search by name, group or IP</translation>
    </message>
    <message>
        <source>✉ Group</source>
        <translation>✉ Group</translation>
    </message>
    <message>
        <source>One message to every selected peer or workgroup</source>
        <translation>One message to every selected peer or workgroup</translation>
    </message>
    <message>
        <source>⇅ Transfers</source>
        <translation>⇅ Transfers</translation>
    </message>
    <message>
        <source>⛁ TFTP</source>
        <translation>⛁ TFTP</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Ask everyone on the LAN to say who they are</source>
        <translation>Ask everyone on the LAN to say who they are</translation>
    </message>
    <message>
        <source>Show LanPigeon</source>
        <translation>Show LanPigeon</translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation>Transfers</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>LanPigeon cannot start</source>
        <translation>LanPigeon cannot start</translation>
    </message>
    <message>
        <source>no workgroup</source>
        <translation>no workgroup</translation>
    </message>
    <message>
        <source>🟢 Online</source>
        <translation>🟢 Online</translation>
    </message>
    <message>
        <source>🌙 Away</source>
        <translation>🌙 Away</translation>
    </message>
    <message>
        <source>⛔ Busy</source>
        <translation>⛔ Busy</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Starting…</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Message for those who write to you:</source>
        <translation>Message for those who write to you:</translation>
    </message>
    <message>
        <source>I&apos;m away</source>
        <translation>I&apos;m away</translation>
    </message>
    <message>
        <source>I&apos;m busy</source>
        <translation>I&apos;m busy</translation>
    </message>
    <message>
        <source>%1 says</source>
        <translation>%1 says</translation>
    </message>
    <message>
        <source>Receiving files from %1…</source>
        <translation>Receiving files from %1…</translation>
    </message>
    <message>
        <source>%1 sends you files</source>
        <translation>%1 sends you files</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>Send files…</source>
        <translation>Send files…</translation>
    </message>
    <message>
        <source>Send a folder…</source>
        <translation>Send a folder…</translation>
    </message>
    <message>
        <source>Peer info</source>
        <translation>Peer info</translation>
    </message>
    <message>
        <source>Message the whole workgroup…</source>
        <translation>Message the whole workgroup…</translation>
    </message>
    <message>
        <source>Send files to the workgroup…</source>
        <translation>Send files to the workgroup…</translation>
    </message>
    <message>
        <source>Buddies</source>
        <translation>Buddies</translation>
    </message>
    <message>
        <source>Recent chats</source>
        <translation>Recent chats</translation>
    </message>
    <message>
        <source>port %1</source>
        <translation>port %1</translation>
    </message>
    <message>
        <source>Your status: click to change it</source>
        <translation>Your status: click to change it</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Sending to %1…</source>
        <translation>Sending to %1…</translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 and %n more</numerusform>
            <numerusform>%1 and %n more</numerusform>
        </translation>
    </message>
    <message>
        <source>Delivered to %1 of %2.</source>
        <translation>Delivered to %1 of %2.</translation>
    </message>
    <message>
        <source>✉ Sealed message</source>
        <translation>✉ Sealed message</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Away</source>
        <translation>Away</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Busy</translation>
    </message>
    <message>
        <source>Nickname: %1
User: %2
Host: %3
Address: %4:%5
Workgroup: %6
Client: %7
Status: %8</source>
        <translation>Nickname: %1
User: %2
Host: %3
Address: %4:%5
Workgroup: %6
Client: %7
Status: %8</translation>
    </message>
    <message>
        <source>the language</source>
        <translation>the language</translation>
    </message>
    <message>
        <source>Settings saved</source>
        <translation>Settings saved</translation>
    </message>
    <message>
        <source>Saved. LanPigeon uses %1 from its next start.</source>
        <translation>Saved. LanPigeon uses %1 from its next start.</translation>
    </message>
    <message>
        <source>⚠ Offline: %1</source>
        <translation>⚠ Offline: %1</translation>
    </message>
    <message>
        <source>⚫ Offline</source>
        <translation>⚫ Offline</translation>
    </message>
    <message>
        <source>Nobody online matches “%1”.</source>
        <translation>Nobody online matches “%1”.</translation>
    </message>
    <message>
        <source>Remove from Recent chats</source>
        <translation>Remove from Recent chats</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>No recent chat matches “%1”.</source>
        <translation>No recent chat matches “%1”.</translation>
    </message>
    <message>
        <source>Screenshot copied: paste it into a chat with Ctrl+V</source>
        <translation>Screenshot copied: paste it into a chat with Ctrl+V</translation>
    </message>
    <message>
        <source>Security and fingerprints…</source>
        <translation>Security and fingerprints…</translation>
    </message>
    <message>
        <source>Not delivered to %1: their chats say why.</source>
        <translation>Not delivered to %1: their chats say why.</translation>
    </message>
    <message>
        <source>Group chats</source>
        <extracomment>QQ&apos;s 群聊 tab</extracomment>
        <translation>Group chats</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%1 in %2</translation>
    </message>
    <message>
        <source>New group chat…</source>
        <translation>New group chat…</translation>
    </message>
    <message>
        <source>New group chat with the workgroup…</source>
        <translation>New group chat with the workgroup…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Leave group chat…</source>
        <translation>Leave group chat…</translation>
    </message>
    <message>
        <source>New group chat: with buddies you pick, everyone sees every message</source>
        <translation>New group chat: with buddies you pick, everyone sees every message</translation>
    </message>
    <message>
        <source>That port is in use by another program: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That address is not one of this computer&apos;s: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No group chat or member matches “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group chats (%1)</source>
        <extracomment>QQ&apos;s 群聊 tab, with its unread count</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No buddy matches “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On several networks, at:
%1
Messages go to the address that answered last.</source>
        <extracomment>A computer on several networks at once; %1 lists every address:port, one a line</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent</source>
        <extracomment>The Recent chats tab: short, to fit three tabs and their counts in a narrow window</extracomment>
        <translation>Recent</translation>
    </message>
    <message>
        <source>Recent (%1)</source>
        <extracomment>The Recent chats tab with its unread count, as short as the tab without it</extracomment>
        <translation>Recent (%1)</translation>
    </message>
    <message numerus="yes">
        <source>Recent chats: %n unread</source>
        <translation>
            <numerusform>Recent chats: %n unread</numerusform>
            <numerusform>Recent chats: %n unread</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Group chats: %n unread</source>
        <translation>
            <numerusform>Group chats: %n unread</numerusform>
            <numerusform>Group chats: %n unread</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::MessageInput</name>
    <message>
        <source>%1 is larger than %2: send it as a file instead.</source>
        <translation>%1 is larger than %2: send it as a file instead.</translation>
    </message>
    <message>
        <source>%1 is not a PNG, JPEG, GIF, WebP or BMP picture.</source>
        <translation>%1 is not a PNG, JPEG, GIF, WebP or BMP picture.</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>Could not read %1: %2</translation>
    </message>
    <message>
        <source>%1 is larger than %2 pixels a side.</source>
        <translation>%1 is larger than %2 pixels a side.</translation>
    </message>
    <message>
        <source>%1 cannot be shown: %2</source>
        <translation>%1 cannot be shown: %2</translation>
    </message>
    <message>
        <source>The picture could not be encoded: %1</source>
        <translation>The picture could not be encoded: %1</translation>
    </message>
    <message>
        <source>The picture</source>
        <translation>The picture</translation>
    </message>
    <message>
        <source>Type a message; paste or drop pictures; drop files here to send them</source>
        <translation>Type a message; paste or drop pictures; drop files here to send them</translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::NetworkBand</name>
    <message>
        <source>Network settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody has answered: no network is connected. Plug in the cable or turn Wi-Fi on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody has answered: LanPigeon listens on %1, a loopback address that only this computer reaches. Clear the bind address to be seen on the LAN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody has answered: this computer has no network but loopback.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody can answer: the bind address %1 is not on any network of this computer now. Clear it, or pick one the computer has.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another program (FeiQ, iptux, IP Messenger…) holds port %1, so LanPigeon hears nobody. Close it or choose another port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody has answered yet. A firewall may block UDP port %1, or the others are on another subnet: add it under Other subnets and hosts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody has answered: LanPigeon listens on %1, a loopback address that only this computer reaches, because LANPIGEON_BIND sets it for this run. Start LanPigeon without LANPIGEON_BIND to be seen on the LAN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody can answer: the bind address %1, set by LANPIGEON_BIND for this run, is not on any network of this computer now. Start LanPigeon without LANPIGEON_BIND, or with an address the computer has.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::NetworkPage</name>
    <message>
        <source>Interface</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broadcast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only. The port and bind address are on the General page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the network…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all addresses (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LanPigeon holds UDP and TCP port %1 on %2. Peers known: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LanPigeon holds no port: it could not take UDP and TCP port %1 on %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing known to be wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no IPv4 address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::OfferCard</name>
    <message>
        <source>&amp;Accept</source>
        <translation>&amp;Accept</translation>
    </message>
    <message>
        <source>&amp;Save as…</source>
        <translation>&amp;Save as…</translation>
    </message>
    <message>
        <source>&amp;Reject</source>
        <translation>&amp;Reject</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Open folder</translation>
    </message>
    <message numerus="yes">
        <source> and %n more</source>
        <translation>
            <numerusform> and %n more</numerusform>
            <numerusform> and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>📎 %1 sends %n item(s), %2: %3</source>
        <translation>
            <numerusform>📎 %1 sends %n item, %2: %3</numerusform>
            <numerusform>📎 %1 sends %n items, %2: %3</numerusform>
        </translation>
    </message>
    <message>
        <source>Save files to</source>
        <translation>Save files to</translation>
    </message>
    <message>
        <source>Receiving into %1…</source>
        <translation>Receiving into %1…</translation>
    </message>
    <message>
        <source>Rejected.</source>
        <translation>Rejected.</translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message>
        <source>✓ Saved to %1</source>
        <translation>✓ Saved to %1</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::PeerPicker</name>
    <message>
        <source>no workgroup</source>
        <translation>no workgroup</translation>
    </message>
    <message>
        <source>%1 — %2 (%3)</source>
        <translation>%1 — %2 (%3)</translation>
    </message>
    <message>
        <source>Search by name, group or IP</source>
        <translation>Search by name, group or IP</translation>
    </message>
    <message>
        <source>%1 — %2 (offline)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::PictureViewer</name>
    <message>
        <source>Picture</source>
        <translation>Picture</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Fit</translation>
    </message>
    <message>
        <source>Fit the picture to the window</source>
        <translation>Fit the picture to the window</translation>
    </message>
    <message>
        <source>100 %</source>
        <translation>100 %</translation>
    </message>
    <message>
        <source>Show the picture at its own size</source>
        <translation>Show the picture at its own size</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Save as…</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Copy the picture to the clipboard</source>
        <translation>Copy the picture to the clipboard</translation>
    </message>
    <message>
        <source>Open with…</source>
        <translation>Open with…</translation>
    </message>
    <message>
        <source>Open the picture in the system&apos;s picture viewer</source>
        <translation>Open the picture in the system&apos;s picture viewer</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>Picture could not be shown: %1</source>
        <translation>Picture could not be shown: %1</translation>
    </message>
    <message>
        <source>Picture — %1 × %2</source>
        <translation>Picture — %1 × %2</translation>
    </message>
    <message>
        <source>Show the picture at its own size (now %1 %)</source>
        <translation>Show the picture at its own size (now %1 %)</translation>
    </message>
    <message>
        <source>Save picture</source>
        <translation>Save picture</translation>
    </message>
    <message>
        <source>The picture could not be saved as %1.</source>
        <translation>The picture could not be saved as %1.</translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::RoomDialog</name>
    <message>
        <source>Add members to %1</source>
        <translation>Add members to %1</translation>
    </message>
    <message>
        <source>New group chat</source>
        <translation>New group chat</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>e.g. Project team</source>
        <translation>e.g. Project team</translation>
    </message>
    <message>
        <source>Group chat name:</source>
        <translation>Group chat name:</translation>
    </message>
    <message>
        <source>Everyone online is in this group chat already.</source>
        <translation>Everyone online is in this group chat already.</translation>
    </message>
    <message>
        <source>Nobody is online to add.</source>
        <translation>Nobody is online to add.</translation>
    </message>
    <message>
        <source>Tick the people to add:</source>
        <translation>Tick the people to add:</translation>
    </message>
    <message numerus="yes">
        <source>%n ticked: %1</source>
        <translation>
            <numerusform>%n ticked: %1</numerusform>
            <numerusform>%n ticked: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%1 cannot be a member: a group chat knows people by login and computer name, and %n computer(s) there share yours (%2@%3).</source>
        <translation>
            <numerusform>%1 cannot be a member: a group chat knows people by login and computer name, and that computer shares yours (%2@%3).</numerusform>
            <numerusform>%1 cannot be members: a group chat knows people by login and computer name, and %n computers there share yours (%2@%3).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::ScreenshotOverlay</name>
    <message>
        <source>Screenshot — LanPigeon</source>
        <translation>Screenshot — LanPigeon</translation>
    </message>
    <message>
        <source>Drag to select a region. Enter or double-click takes it (the whole screen if none), Esc cancels.</source>
        <translation>Drag to select a region. Enter or double-click takes it (the whole screen if none), Esc cancels.</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::SecurityDialog</name>
    <message>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Copy the fingerprint</source>
        <translation>Copy the fingerprint</translation>
    </message>
    <message>
        <source>Mark as verified</source>
        <translation>Mark as verified</translation>
    </message>
    <message>
        <source>Your key:</source>
        <translation>Your key:</translation>
    </message>
    <message>
        <source>(no key yet)</source>
        <translation>(no key yet)</translation>
    </message>
    <message>
        <source>Security — %1</source>
        <translation>Security — %1</translation>
    </message>
    <message>
        <source>%1 is offline.</source>
        <translation>%1 is offline.</translation>
    </message>
    <message>
        <source>You marked its key as verified.</source>
        <translation>You marked its key as verified.</translation>
    </message>
    <message>
        <source>Nobody has compared its key yet.</source>
        <translation>Nobody has compared its key yet.</translation>
    </message>
    <message>
        <source>%1&apos;s key now:</source>
        <translation>%1&apos;s key now:</translation>
    </message>
    <message>
        <source>%1&apos;s key:</source>
        <translation>%1&apos;s key:</translation>
    </message>
    <message>
        <source>To verify, call or meet %1 and read the fingerprints aloud to each other. If theirs matches the one here, mark it as verified.</source>
        <translation>To verify, call or meet %1 and read the fingerprints aloud to each other. If theirs matches the one here, mark it as verified.</translation>
    </message>
    <message>
        <source>%1 is offline now: this can be done when they are back.</source>
        <translation>%1 is offline now: this can be done when they are back.</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Verified</translation>
    </message>
    <message>
        <source>Key remembered for %1:</source>
        <translation>Key remembered for %1:</translation>
    </message>
    <message>
        <source>This is not the key remembered for %2, the login and computer name %1 uses. Someone else may be posing as them, they installed LanPigeon again, or they are someone new with the same login and computer name. Do not trust new messages until you have compared it.</source>
        <translation>This is not the key remembered for %2, the login and computer name %1 uses. Someone else may be posing as them, they installed LanPigeon again, or they are someone new with the same login and computer name. Do not trust new messages until you have compared it.</translation>
    </message>
    <message>
        <source>%1 has shown no key yet: there is no fingerprint to copy</source>
        <translation>%1 has shown no key yet: there is no fingerprint to copy</translation>
    </message>
    <message>
        <source>Your key is not made yet: there is no fingerprint to copy</source>
        <translation>Your key is not made yet: there is no fingerprint to copy</translation>
    </message>
    <message>
        <source>(none: %1 cannot encrypt)</source>
        <translation>(none: %1 cannot encrypt)</translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::SendFilesDialog</name>
    <message>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>Send files</source>
        <translation>Send files</translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to send.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s), %1 in all</source>
        <translation>
            <numerusform>%n file, %1 in all</numerusform>
            <numerusform>%n files, %1 in all</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n folder(s)</source>
        <translation>
            <numerusform>%n folder</numerusform>
            <numerusform>%n folders</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) (%1) and %2</source>
        <translation>
            <numerusform>%n file (%1) and %2</numerusform>
            <numerusform>%n files (%1) and %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Not found, left out: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n ticked: %1</source>
        <translation>
            <numerusform>%n ticked: %1</numerusform>
            <numerusform>%n ticked: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Nobody to send to yet: buddies appear here when they are online, or once you have talked to them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick the buddies to send to (those offline get the files when they are back):</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>(%n offline: the files wait until they are back)</source>
        <translation>
            <numerusform>(%n offline: the files wait until they are back)</numerusform>
            <numerusform>(%n offline: the files wait until they are back)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::SettingsDialog</name>
    <message>
        <source>Closing the main window keeps LanPigeon in the tray</source>
        <translation>Closing the main window keeps LanPigeon in the tray</translation>
    </message>
    <message>
        <source>Start minimized to the tray</source>
        <translation>Start minimized to the tray</translation>
    </message>
    <message>
        <source>Settings — LanPigeon</source>
        <translation>Settings — LanPigeon</translation>
    </message>
    <message>
        <source>e.g. 10.1.2.255, 192.168.7.20</source>
        <translation>e.g. 10.1.2.255, 192.168.7.20</translation>
    </message>
    <message>
        <source>Simplified Chinese (GB18030, FeiQ)</source>
        <translation>Simplified Chinese (GB18030, FeiQ)</translation>
    </message>
    <message>
        <source>Japanese (CP932, IP Messenger)</source>
        <translation>Japanese (CP932, IP Messenger)</translation>
    </message>
    <message>
        <source>UTF-8</source>
        <translation>UTF-8</translation>
    </message>
    <message>
        <source>Enter sends, Ctrl+Enter starts a new line</source>
        <translation>Enter sends, Ctrl+Enter starts a new line</translation>
    </message>
    <message>
        <source>Ctrl+Enter sends, Enter starts a new line</source>
        <translation>Ctrl+Enter sends, Enter starts a new line</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>Same as the system</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>Nickname:</source>
        <translation>Nickname:</translation>
    </message>
    <message>
        <source>Workgroup:</source>
        <translation>Workgroup:</translation>
    </message>
    <message>
        <source>Download folder:</source>
        <translation>Download folder:</translation>
    </message>
    <message>
        <source>Other subnets and hosts:</source>
        <translation>Other subnets and hosts:</translation>
    </message>
    <message>
        <source>Encoding for older clients:</source>
        <translation>Encoding for older clients:</translation>
    </message>
    <message>
        <source>Sending:</source>
        <translation>Sending:</translation>
    </message>
    <message>
        <source>Download folder</source>
        <translation>Download folder</translation>
    </message>
    <message>
        <source>Always ask</source>
        <translation>Always ask</translation>
    </message>
    <message>
        <source>From my workgroup</source>
        <translation>From my workgroup</translation>
    </message>
    <message>
        <source>From everyone</source>
        <translation>From everyone</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>any size</source>
        <translation>any size</translation>
    </message>
    <message>
        <source>an image, or empty for your initial</source>
        <translation>an image, or empty for your initial</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Avatar:</source>
        <translation>Avatar:</translation>
    </message>
    <message>
        <source>Avatar</source>
        <translation>Avatar</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.svg)</source>
        <translation>Images (*.png *.jpg *.jpeg *.bmp *.svg)</translation>
    </message>
    <message>
        <source>up to</source>
        <translation>up to</translation>
    </message>
    <message>
        <source>Accept files without asking:</source>
        <translation>Accept files without asking:</translation>
    </message>
    <message>
        <source>all networks</source>
        <translation>all networks</translation>
    </message>
    <message>
        <source>Applies at once</source>
        <translation>Applies at once</translation>
    </message>
    <message>
        <source>Applies when LanPigeon starts again</source>
        <translation>Applies when LanPigeon starts again</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Language:</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Port:</translation>
    </message>
    <message>
        <source>Bind address:</source>
        <translation>Bind address:</translation>
    </message>
    <message>
        <source>The bind address must be an IPv4 address of this computer, such as 192.168.1.20, or empty for all networks.</source>
        <translation>The bind address must be an IPv4 address of this computer, such as 192.168.1.20, or empty for all networks.</translation>
    </message>
    <message>
        <source>This run: %1, from LANPIGEON_BIND</source>
        <translation>This run: %1, from LANPIGEON_BIND</translation>
    </message>
    <message>
        <source>Not an IPv4 address: %1.
Give addresses such as 10.1.2.255; names are not looked up.</source>
        <translation>Not an IPv4 address: %1.
Give addresses such as 10.1.2.255; names are not looked up.</translation>
    </message>
    <message>
        <source>Only send to peers who can encrypt</source>
        <translation>Only send to peers who can encrypt</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>Privacy</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Copy the fingerprint</source>
        <translation>Copy the fingerprint</translation>
    </message>
    <message>
        <source>Your key&apos;s fingerprint:</source>
        <translation>Your key&apos;s fingerprint:</translation>
    </message>
    <message>
        <source>Read it aloud to someone who wants to verify your key; theirs is in the lock at the top of a chat.</source>
        <translation>Read it aloud to someone who wants to verify your key; theirs is in the lock at the top of a chat.</translation>
    </message>
    <message>
        <source>Messages and files to peers that cannot encrypt (iptux, FeiQ) fail with an error instead of crossing the network in clear text.</source>
        <translation>Messages and files to peers that cannot encrypt (iptux, FeiQ) fail with an error instead of crossing the network in clear text.</translation>
    </message>
    <message>
        <source>(not ready yet: LanPigeon is starting)</source>
        <translation>(not ready yet: LanPigeon is starting)</translation>
    </message>
    <message>
        <source>Show offline buddies I have talked to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share my buddy list with hosts that ask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 10.1.2.20, a host that shares its list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hosts on other subnets that ask (IP Messenger&apos;s host list) get the names and addresses of the people you see.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetch the buddy list from host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start LanPigeon when I log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::StartFailureDialog</name>
    <message>
        <source>&lt;b&gt;Port %1 is already in use by another program.&lt;/b&gt;&lt;br&gt;LanPigeon needs this port (UDP and TCP) to find people on the LAN and to talk to them. This may be another messenger such as IP Messenger, FeiQ or iptux, or LanPigeon running with another profile.&lt;br&gt;&lt;br&gt;Close that program and try again, or choose another port. Only people using the same port will see you; IP Messenger, FeiQ and iptux use 2425.</source>
        <translation>&lt;b&gt;Port %1 is already in use by another program.&lt;/b&gt;&lt;br&gt;LanPigeon needs this port (UDP and TCP) to find people on the LAN and to talk to them. This may be another messenger such as IP Messenger, FeiQ or iptux, or LanPigeon running with another profile.&lt;br&gt;&lt;br&gt;Close that program and try again, or choose another port. Only people using the same port will see you; IP Messenger, FeiQ and iptux use 2425.</translation>
    </message>
    <message>
        <source>&lt;b&gt;The address %1 does not belong to this computer.&lt;/b&gt;&lt;br&gt;The network it was on may be gone, or the address was changed. Connect to that network and try again, or listen on all networks instead.</source>
        <translation>&lt;b&gt;The address %1 does not belong to this computer.&lt;/b&gt;&lt;br&gt;The network it was on may be gone, or the address was changed. Connect to that network and try again, or listen on all networks instead.</translation>
    </message>
    <message>
        <source>&lt;b&gt;The chat history cannot be opened.&lt;/b&gt;&lt;br&gt;Check that the profile folder %1 exists, is writable and that the disk is not full.</source>
        <translation>&lt;b&gt;The chat history cannot be opened.&lt;/b&gt;&lt;br&gt;Check that the profile folder %1 exists, is writable and that the disk is not full.</translation>
    </message>
    <message>
        <source>&lt;b&gt;LanPigeon cannot listen on %1.&lt;/b&gt;</source>
        <translation>&lt;b&gt;LanPigeon cannot listen on %1.&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Listen on all networks instead</source>
        <translation>Listen on all networks instead</translation>
    </message>
    <message>
        <source>LanPigeon cannot start</source>
        <translation>LanPigeon cannot start</translation>
    </message>
    <message>
        <source>Details: %1</source>
        <translation>Details: %1</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Try again</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Try with port:</source>
        <translation>Try with port:</translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::TftpPanel</name>
    <message>
        <source>Allow uploads (new files only)</source>
        <translation>Allow uploads (new files only)</translation>
    </message>
    <message>
        <source>Start server</source>
        <translation>Start server</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Stopped.</translation>
    </message>
    <message>
        <source>TFTP — LanPigeon</source>
        <translation>TFTP — LanPigeon</translation>
    </message>
    <message>
        <source>192.168.1.1 or 192.168.1.1:69</source>
        <translation>192.168.1.1 or 192.168.1.1:69</translation>
    </message>
    <message>
        <source>file name on the server</source>
        <translation>file name on the server</translation>
    </message>
    <message>
        <source>from the path MTU</source>
        <translation>from the path MTU</translation>
    </message>
    <message>
        <source>RFC 7440 window: more blocks per acknowledgement, if the server supports it</source>
        <translation>RFC 7440 window: more blocks per acknowledgement, if the server supports it</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Folder:</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Port:</translation>
    </message>
    <message>
        <source>Server: serve a folder, read-only unless allowed</source>
        <translation>Server: serve a folder, read-only unless allowed</translation>
    </message>
    <message>
        <source>Get</source>
        <translation>Get</translation>
    </message>
    <message>
        <source>Put</source>
        <translation>Put</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <source>Remote file:</source>
        <translation>Remote file:</translation>
    </message>
    <message>
        <source>Local file:</source>
        <translation>Local file:</translation>
    </message>
    <message>
        <source>Block size:</source>
        <translation>Block size:</translation>
    </message>
    <message>
        <source>Window size:</source>
        <translation>Window size:</translation>
    </message>
    <message>
        <source>Client: get from or put to any TFTP server</source>
        <translation>Client: get from or put to any TFTP server</translation>
    </message>
    <message>
        <source>Folder to serve</source>
        <translation>Folder to serve</translation>
    </message>
    <message>
        <source>Local file</source>
        <translation>Local file</translation>
    </message>
    <message>
        <source>Stop server</source>
        <translation>Stop server</translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message>
        <source>✓ %1</source>
        <translation>✓ %1</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Starting…</translation>
    </message>
    <message>
        <source>⚠ Give a server address, a remote and a local file.</source>
        <translation>⚠ Give a server address, a remote and a local file.</translation>
    </message>
    <message>
        <source>Putting %1…</source>
        <translation>Putting %1…</translation>
    </message>
    <message>
        <source>Getting %1…</source>
        <translation>Getting %1…</translation>
    </message>
    <message>
        <source>Stop the server to change this.</source>
        <translation>Stop the server to change this.</translation>
    </message>
    <message>
        <source>✓ Serving on UDP port %1; uploads of new files allowed.</source>
        <translation>✓ Serving on UDP port %1; uploads of new files allowed.</translation>
    </message>
    <message>
        <source>✓ Serving on UDP port %1, read-only.</source>
        <translation>✓ Serving on UDP port %1, read-only.</translation>
    </message>
    <message>
        <source>⚠ %1 is a folder. Give the name of the file to save into.</source>
        <translation>⚠ %1 is a folder. Give the name of the file to save into.</translation>
    </message>
    <message>
        <source>Replace %1?</source>
        <translation>Replace %1?</translation>
    </message>
    <message>
        <source>%1 already exists in %2. Getting %3 will replace it.</source>
        <translation>%1 already exists in %2. Getting %3 will replace it.</translation>
    </message>
    <message>
        <source>The file there now (%1) stays until the new one is complete, then it is gone.</source>
        <translation>The file there now (%1) stays until the new one is complete, then it is gone.</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Replace</translation>
    </message>
    <message>
        <source>Not fetched: %1 was kept.</source>
        <translation>Not fetched: %1 was kept.</translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::TransferDelegate</name>
    <message>
        <source>%1 of %2</source>
        <translation>%1 of %2</translation>
    </message>
    <message>
        <source> · %1/s</source>
        <translation> · %1/s</translation>
    </message>
    <message numerus="yes">
        <source> · %n s left</source>
        <translation>
            <numerusform> · %n s left</numerusform>
            <numerusform> · %n s left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %n min left</source>
        <translation>
            <numerusform> · %n min left</numerusform>
            <numerusform> · %n min left</numerusform>
        </translation>
    </message>
    <message>
        <source> · done</source>
        <translation> · done</translation>
    </message>
    <message>
        <source> · failed: %1</source>
        <translation> · failed: %1</translation>
    </message>
    <message>
        <source> · cancelled</source>
        <translation> · cancelled</translation>
    </message>
    <message>
        <source> · waiting</source>
        <translation> · waiting</translation>
    </message>
    <message>
        <source>to %1</source>
        <translation>to %1</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>from %1</translation>
    </message>
    <message>
        <source> · stalled, no data is coming</source>
        <translation> · stalled, no data is coming</translation>
    </message>
    <message>
        <source> · retried below</source>
        <translation> · retried below</translation>
    </message>
    <message>
        <source> · cannot retry: no longer offered</source>
        <translation> · cannot retry: no longer offered</translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::TransfersWindow</name>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Open file</source>
        <translation>Open file</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <source>Hide finished</source>
        <translation>Hide finished</translation>
    </message>
    <message>
        <source>Transfers — LanPigeon</source>
        <translation>Transfers — LanPigeon</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Retry</translation>
    </message>
    <message>
        <source>Stop the selected transfer (Delete)</source>
        <translation>Stop the selected transfer (Delete)</translation>
    </message>
    <message>
        <source>Open the received or sent file (Enter, or double-click the row)</source>
        <translation>Open the received or sent file (Enter, or double-click the row)</translation>
    </message>
    <message>
        <source>%1 is no longer there: it was moved or deleted.</source>
        <translation>%1 is no longer there: it was moved or deleted.</translation>
    </message>
    <message>
        <source>No program is set up to open this file.</source>
        <translation>No program is set up to open this file.</translation>
    </message>
    <message>
        <source>No file manager is set up to open this folder.</source>
        <translation>No file manager is set up to open this folder.</translation>
    </message>
    <message>
        <source>Cannot open</source>
        <translation>Cannot open</translation>
    </message>
    <message>
        <source>Copy path</source>
        <translation>Copy path</translation>
    </message>
    <message>
        <source>Remove from list</source>
        <translation>Remove from list</translation>
    </message>
    <message>
        <source>Show only transfers that are still running</source>
        <translation>Show only transfers that are still running</translation>
    </message>
    <message>
        <source>Fetch a failed or cancelled download again, resuming where it stopped; or run a TFTP get or put again</source>
        <translation>Fetch a failed or cancelled download again, resuming where it stopped; or run a TFTP get or put again</translation>
    </message>
    <message>
        <source>This download cannot be retried: the sender no longer offers the file. Ask them to send it again.</source>
        <translation>This download cannot be retried: the sender no longer offers the file. Ask them to send it again.</translation>
    </message>
    <message>
        <source>Already retried: the new try is the row further down</source>
        <translation>Already retried: the new try is the row further down</translation>
    </message>
    <message>
        <source>The sender no longer offers this file</source>
        <translation>The sender no longer offers this file</translation>
    </message>
    <message>
        <source>No transfers yet. Files you send or receive show here.</source>
        <translation>No transfers yet. Files you send or receive show here.</translation>
    </message>
    <message>
        <source>No running transfers. Press &quot;Hide finished&quot; again to see the finished ones.</source>
        <translation>No running transfers. Press &quot;Hide finished&quot; again to see the finished ones.</translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::TrayIcon</name>
    <message numerus="yes">
        <source>LanPigeon — %n unread message(s)</source>
        <translation>
            <numerusform>LanPigeon — %n unread message</numerusform>
            <numerusform>LanPigeon — %n unread messages</numerusform>
        </translation>
    </message>
    <message>
        <source>LanPigeon</source>
        <translation>LanPigeon</translation>
    </message>
    <message>
        <source>Transfer finished</source>
        <translation>Transfer finished</translation>
    </message>
    <message>
        <source>%1 sent to %2</source>
        <translation>%1 sent to %2</translation>
    </message>
    <message>
        <source>%1 from %2</source>
        <translation>%1 from %2</translation>
    </message>
    <message>
        <source>Transfer failed</source>
        <translation>Transfer failed</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 and %n more</numerusform>
            <numerusform>%1 and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>LanPigeon is already running</source>
        <translation>LanPigeon is already running</translation>
    </message>
    <message>
        <source>LanPigeon is already running with the profile %1, but it does not answer. End it (or log out and in again), then start LanPigeon again.</source>
        <translation>LanPigeon is already running with the profile %1, but it does not answer. End it (or log out and in again), then start LanPigeon again.</translation>
    </message>
</context>
</TS>
