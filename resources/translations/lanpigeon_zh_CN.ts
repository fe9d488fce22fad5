<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>PictureStore</name>
    <message>
        <source>picture too large: %1 bytes, at most %2</source>
        <translation>图片过大：%1 字节，最多 %2</translation>
    </message>
    <message>
        <source>not a PNG, JPEG, GIF, WebP or BMP picture</source>
        <translation>不是 PNG、JPEG、GIF、WebP 或 BMP 图片</translation>
    </message>
    <message>
        <source>cannot make the folder %1</source>
        <translation>无法创建文件夹 %1</translation>
    </message>
    <message>
        <source>cannot store the picture in %1: %2</source>
        <translation>无法将图片保存到 %1：%2</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>cannot open history %1: %2</source>
        <translation>无法打开聊天记录 %1：%2</translation>
    </message>
    <message>
        <source>cannot prepare history %1: %2</source>
        <translation>无法准备聊天记录 %1：%2</translation>
    </message>
    <message>
        <source>cannot read history %1</source>
        <translation>无法读取记录 %1</translation>
    </message>
</context>
<context>
    <name>SecurityMark</name>
    <message>
        <source>Encrypted and verified: messages with %1 are encrypted and signed, and you compared the key&apos;s fingerprint.</source>
        <translation>已加密并已验证：与 %1 的消息经过加密和签名，且你已核对过其密钥指纹。</translation>
    </message>
    <message>
        <source>Encrypted: messages with %1 are encrypted and signed.</source>
        <translation>已加密：与 %1 的消息经过加密和签名。</translation>
    </message>
    <message>
        <source>Not encrypted yet: %1&apos;s key has not arrived.</source>
        <translation>尚未加密：还没有收到 %1 的密钥。</translation>
    </message>
    <message>
        <source>Not encrypted: %1 (%2) cannot encrypt, so messages and files cross the network in clear text.</source>
        <translation>未加密：%1（%2）不支持加密，消息和文件将以明文在网络上传输。</translation>
    </message>
    <message>
        <source>Not verified: its signature does not match %1&apos;s key. This message may not be from %1, or was changed on the way.</source>
        <translation>未验证：签名与 %1 的密钥不符。这条消息可能不是 %1 发的，或在途中被篡改。</translation>
    </message>
    <message>
        <source>Not verified: it is not signed, so it may not be from %1.</source>
        <translation>未验证：消息没有签名，可能不是 %1 发的。</translation>
    </message>
    <message>
        <source>Could not be decrypted: it was damaged on the way or encrypted for another key. Nothing of it can be shown.</source>
        <translation>无法解密：消息在途中损坏，或是用别的密钥加密的。无法显示任何内容。</translation>
    </message>
    <message>
        <source>Not verified: signed with a key other than the one remembered for %1&apos;s login and computer name. This message may not be from %1.</source>
        <extracomment>Keys are remembered by login and computer name, which a new person may share</extracomment>
        <translation>未验证：签名所用的密钥与 %1 的登录名和计算机名下记住的密钥不同。这条消息可能不是 %1 发的。</translation>
    </message>
    <message>
        <source>Not verified: sent in clear text, although messages from %1&apos;s login and computer name came encrypted before. It may not be from %1.</source>
        <translation>未验证：%1 的登录名和计算机名以前发来的消息都是加密的，这次却是明文。它可能不是 %1 发的。</translation>
    </message>
    <message>
        <source>Warning: the key of %1&apos;s login and computer name has changed. Compare fingerprints before trusting new messages.</source>
        <extracomment>Keys are remembered by login and computer name, which a new person may share</extracomment>
        <translation>警告：%1 所用登录名和计算机名的密钥已更改。请先核对指纹，再信任新消息。</translation>
    </message>
</context>
<context>
    <name>crypto</name>
    <message>
        <source>Cannot create the profile folder %1.</source>
        <translation>无法创建配置文件夹 %1。</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 is not a private key LanPigeon can use.</source>
        <translation>%1 不是局域网信鸽可用的私钥。</translation>
    </message>
    <message>
        <source>Cannot make a key pair.</source>
        <translation>无法生成密钥对。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>The pinned keys in %1 could not be read; they were moved to %2 and every peer&apos;s key will be pinned anew.</source>
        <translation>无法读取 %1 中记住的密钥；该文件已移到 %2，所有好友的密钥将重新记住。</translation>
    </message>
    <message>
        <source>The pinned keys in %1 could not be read, nor moved aside.</source>
        <translation>无法读取 %1 中记住的密钥，也无法将其移走。</translation>
    </message>
</context>
<context>
    <name>history</name>
    <message>
        <source>LanPigeon chat with %1 (%2)</source>
        <translation>局域网信鸽与 %1 (%2) 的聊天记录</translation>
    </message>
    <message>
        <source>[picture not available]</source>
        <translation>[图片不可用]</translation>
    </message>
    <message>
        <source>sealed message, not opened</source>
        <translation>密封消息，未打开</translation>
    </message>
    <message>
        <source>[sealed message, not opened]</source>
        <translation>[密封消息，未打开]</translation>
    </message>
    <message>
        <source>[cancelled, not sent]</source>
        <translation>[已取消，未发送]</translation>
    </message>
    <message>
        <source>[not delivered]</source>
        <translation>[未送达]</translation>
    </message>
    <message>
        <source>[queued, not sent yet]</source>
        <translation>[排队中，尚未发送]</translation>
    </message>
    <message>
        <source>[expired, not sent]</source>
        <translation>[已过期，未发送]</translation>
    </message>
    <message>
        <source>LanPigeon group chat %1</source>
        <translation>局域网信鸽群聊 %1</translation>
    </message>
    <message>
        <source>[files: %1]</source>
        <translation>[文件：%1]</translation>
    </message>
</context>
<context>
    <name>ipmsg</name>
    <message>
        <source>no error</source>
        <translation>没有错误</translation>
    </message>
    <message>
        <source>empty datagram</source>
        <translation>空数据报</translation>
    </message>
    <message>
        <source>datagram larger than 64 KiB</source>
        <translation>数据报超过 64 KiB</translation>
    </message>
    <message>
        <source>header has fewer than five &apos;:&apos; fields</source>
        <translation>报头的 &apos;:&apos; 字段少于五个</translation>
    </message>
    <message>
        <source>version is not IPMsg protocol 1</source>
        <translation>版本不是 IPMsg 协议 1</translation>
    </message>
    <message>
        <source>packet number is not a decimal number</source>
        <translation>包编号不是十进制数</translation>
    </message>
    <message>
        <source>command is not a 32-bit decimal number</source>
        <translation>命令不是 32 位十进制数</translation>
    </message>
    <message>
        <source>LanPigeon</source>
        <translation>局域网信鸽</translation>
    </message>
    <message>
        <source>iptux</source>
        <translation>iptux</translation>
    </message>
    <message>
        <source>FeiQ</source>
        <translation>飞秋</translation>
    </message>
    <message>
        <source>IPMsg</source>
        <translation>IPMsg</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>lanpigeon::BuddyTracker</name>
    <message>
        <source>cannot prepare the buddies in history: %1</source>
        <translation>无法在历史记录中准备好友：%1</translation>
    </message>
</context>
<context>
    <name>lanpigeon::ConversationModel</name>
    <message>
        <source>✉ Sealed message — click to open</source>
        <translation>✉ 密封消息 — 点击拆开</translation>
    </message>
</context>
<context>
    <name>lanpigeon::DiscoveryService</name>
    <message>
        <source>left</source>
        <translation>已离开</translation>
    </message>
    <message>
        <source>timed out</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>did not answer</source>
        <translation>没有应答</translation>
    </message>
    <message>
        <source>another login took this address</source>
        <translation>另一个登录名占用了此地址</translation>
    </message>
    <message>
        <source>the same person as at %1</source>
        <translation>与 %1 处是同一人</translation>
    </message>
    <message>
        <source>another key at this address</source>
        <translation>此地址出现了另一个密钥</translation>
    </message>
</context>
<context>
    <name>lanpigeon::FileDownload</name>
    <message>
        <source>%1 sent nothing for %2 s</source>
        <translation>%1 已有 %2 秒没有发送数据</translation>
    </message>
    <message>
        <source>refusing to write outside %1</source>
        <translation>拒绝写到 %1 之外</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>cannot create folder %1</source>
        <translation>无法创建文件夹 %1</translation>
    </message>
    <message>
        <source>cannot write in %1: %2</source>
        <translation>无法在 %1 中写入：%2</translation>
    </message>
    <message>
        <source>cannot bind to %1: %2</source>
        <translation>无法绑定到 %1：%2</translation>
    </message>
    <message>
        <source>cannot connect to %1:%2: %3</source>
        <translation>无法连接 %1:%2：%3</translation>
    </message>
    <message>
        <source>cannot send the request: %1</source>
        <translation>无法发送请求：%1</translation>
    </message>
    <message>
        <source>disk full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <source>connection to %1 broke: %2</source>
        <translation>与 %1 的连接中断：%2</translation>
    </message>
    <message>
        <source>%1 closed the folder stream early</source>
        <translation>%1 提前关闭了文件夹数据流</translation>
    </message>
    <message>
        <source>%1 closed the connection after %2 of %3 bytes</source>
        <translation>%1 在传了 %2 / %3 字节后关闭了连接</translation>
    </message>
    <message>
        <source>cannot rename %1: %2</source>
        <translation>无法重命名 %1：%2</translation>
    </message>
    <message>
        <source>folder stream has more than %1 entries</source>
        <translation>文件夹数据流的条目超过 %1 个</translation>
    </message>
    <message>
        <source>folder stream is far larger than the %1 bytes offered</source>
        <translation>文件夹数据流远大于对方声明的 %1 字节</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>too many downloads of this name</source>
        <translation>同名的下载太多</translation>
    </message>
    <message numerus="yes">
        <source>%1 (after %n reconnects)</source>
        <translation>
            <numerusform>%1（重连 %n 次后）</numerusform>
        </translation>
    </message>
    <message>
        <source>cannot encrypt the request</source>
        <translation>无法加密请求</translation>
    </message>
</context>
<context>
    <name>lanpigeon::FileTransferService</name>
    <message>
        <source>cannot listen on TCP %1:%2: %3</source>
        <translation>无法在 TCP %1:%2 上监听：%3</translation>
    </message>
    <message>
        <source>%1 is neither a file nor a folder</source>
        <translation>%1 既不是文件也不是文件夹</translation>
    </message>
    <message>
        <source>file no longer exists: %1</source>
        <translation>文件已不存在：%1</translation>
    </message>
</context>
<context>
    <name>lanpigeon::FileUpload</name>
    <message>
        <source>%1 did not close the connection after the last byte</source>
        <translation>%1 在最后一个字节之后没有关闭连接</translation>
    </message>
    <message>
        <source>no request within %1 s</source>
        <translation>%1 秒内没有收到请求</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>%1 aborted the transfer: %2</source>
        <translation>%1 中止了传输：%2</translation>
    </message>
    <message>
        <source>request longer than %1 bytes</source>
        <translation>请求超过 %1 字节</translation>
    </message>
    <message>
        <source>peer closed the connection without a request</source>
        <translation>对方没有发请求就关闭了连接</translation>
    </message>
    <message>
        <source>bad request: %1</source>
        <translation>错误的请求：%1</translation>
    </message>
    <message>
        <source>not a file request</source>
        <translation>不是文件请求</translation>
    </message>
    <message>
        <source>%1 asked for file %2 of offer %3, which it may not fetch</source>
        <translation>%1 请求了文件 %3 中的第 %2 个文件，但它无权获取</translation>
    </message>
    <message>
        <source>%1 is not a folder any more</source>
        <translation>%1 已经不是文件夹了</translation>
    </message>
    <message>
        <source>%1 is not a file any more</source>
        <translation>%1 已经不是文件了</translation>
    </message>
    <message>
        <source>%1 changed size since it was offered (%2 -&gt; %3 bytes)</source>
        <translation>%1 在发出后大小变了（%2 -&gt; %3 字节）</translation>
    </message>
    <message>
        <source>offset %1 beyond the end of %2</source>
        <translation>偏移 %1 超出了 %2 的末尾</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>peer went away: %1</source>
        <translation>对方已离开：%1</translation>
    </message>
    <message>
        <source>%1 shrank while being sent</source>
        <translation>%1 在发送过程中变小了</translation>
    </message>
    <message>
        <source>%1 (%2) asked for a file in plain text, and encryption is required</source>
        <translation>%1（%2）以明文请求文件，而当前要求加密</translation>
    </message>
    <message>
        <source>%1 sent an encrypted request, and we have no key</source>
        <translation>%1 发来加密请求，但我们没有它的密钥</translation>
    </message>
    <message>
        <source>%1 sent a request that does not decrypt with our key</source>
        <translation>%1 发来的请求无法用我们的密钥解密</translation>
    </message>
    <message>
        <source>%1 sent an unsigned request</source>
        <translation>%1 发来的请求没有签名</translation>
    </message>
    <message>
        <source>%1 signed its request, and we hold no key for it</source>
        <translation>%1 的请求带有签名，但我们没有它的密钥</translation>
    </message>
    <message>
        <source>%1 sent a request with a bad signature</source>
        <translation>%1 发来的请求签名无效</translation>
    </message>
    <message>
        <source>%1 signed its request with a key other than the one pinned for it</source>
        <translation>%1 用与记住的不同的密钥签名了请求</translation>
    </message>
    <message>
        <source>%1 sent a malformed encrypted request</source>
        <translation>%1 发来格式错误的加密请求</translation>
    </message>
    <message>
        <source>%1 sent request number %2 again, or one older than its last</source>
        <translation>%1 重复发送了编号 %2 的请求，或编号比上一个还旧</translation>
    </message>
    <message>
        <source>cannot encrypt the transfer</source>
        <translation>无法加密传输</translation>
    </message>
</context>
<context>
    <name>lanpigeon::GroupedPeerModel</name>
    <message>
        <source>No workgroup</source>
        <translation>未分组</translation>
    </message>
    <message>
        <source>%1 (%2 online)</source>
        <translation>%1（%2 人在线）</translation>
    </message>
    <message>
        <source>%1 (%2 online, %3 away)</source>
        <translation>%1（%2 人在线，%3 人离开）</translation>
    </message>
    <message>
        <source>%1 (%2 online, %3 away, %4 busy)</source>
        <translation>%1（%2 人在线，%3 人离开，%4 人忙碌）</translation>
    </message>
    <message>
        <source>%1 (%2 online, %3 busy)</source>
        <translation>%1（%2 人在线，%3 人忙碌）</translation>
    </message>
    <message>
        <source>%1 %2/%3</source>
        <translation>%1 %2/%3</translation>
    </message>
    <message>
        <source>%1 (%2 away, %3 busy)</source>
        <translation>%1（%2 人离开，%3 人忙碌）</translation>
    </message>
    <message>
        <source>%1 (%2 busy)</source>
        <translation>%1（%2 人忙碌）</translation>
    </message>
    <message>
        <source>%1 (%2 away)</source>
        <translation>%1（%2 人离开）</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Offline, last seen %1</source>
        <translation>离线，最后在线 %1</translation>
    </message>
</context>
<context>
    <name>lanpigeon::IptuxPictureReceive</name>
    <message>
        <source>the picture from %1 took longer than %2 s</source>
        <translation>来自 %1 的图片超过 %2 秒仍未收完</translation>
    </message>
    <message>
        <source>%1 stopped sending the picture</source>
        <translation>%1 停止发送图片</translation>
    </message>
    <message>
        <source>the picture is larger than %1 MB</source>
        <translation>图片大于 %1 MB</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>%1 went away while sending a picture: %2</source>
        <translation>%1 在发送图片时断开：%2</translation>
    </message>
</context>
<context>
    <name>lanpigeon::IptuxPictureSend</name>
    <message>
        <source>%1 stopped taking the picture</source>
        <translation>%1 停止接收图片</translation>
    </message>
    <message>
        <source>cannot bind to %1: %2</source>
        <translation>无法绑定到 %1：%2</translation>
    </message>
    <message>
        <source>cannot connect to %1:%2: %3</source>
        <translation>无法连接到 %1:%2：%3</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>%1 went away while taking the picture: %2</source>
        <translation>%1 在接收图片时断开：%2</translation>
    </message>
</context>
<context>
    <name>lanpigeon::MessageService</name>
    <message>
        <source>&apos;%1&apos; is not an address</source>
        <translation>&apos;%1&apos; 不是地址</translation>
    </message>
    <message>
        <source>message too long: %1 bytes, %2 (%3) reads at most %4</source>
        <translation>消息太长：%1 字节，%2（%3）最多只能读 %4 字节</translation>
    </message>
    <message>
        <source>no answer from %1 after %2 attempts</source>
        <translation>发送 %2 次后 %1 仍无应答</translation>
    </message>
    <message>
        <source>I am away from my desk.</source>
        <translation>我暂时不在座位上。</translation>
    </message>
    <message>
        <source>more than %1 pictures in one message</source>
        <translation>一条消息中的图片超过 %1 张</translation>
    </message>
    <message>
        <source>%1 cannot encrypt: not sent, plain text is refused</source>
        <translation>%1 不支持加密：未发送，已设为拒绝明文</translation>
    </message>
    <message>
        <source>cannot encrypt for %1: its key or ciphers do not suit ours; not sent</source>
        <translation>无法为 %1 加密：它的密钥或加密算法与我们不兼容；未发送</translation>
    </message>
    <message>
        <source>%1 sent no encryption key: not sent, rather than as plain text</source>
        <translation>%1 没有发来加密密钥：未发送，而不是以明文发送</translation>
    </message>
    <message>
        <source>not sent: they are away and someone else has their address</source>
        <translation>未发送：对方不在，其地址已被别人使用</translation>
    </message>
</context>
<context>
    <name>lanpigeon::Messenger</name>
    <message>
        <source>history: %1</source>
        <translation>聊天记录：%1</translation>
    </message>
    <message>
        <source>ignored malformed datagram from %1:%2: %3</source>
        <translation>忽略了来自 %1:%2 的错误数据报：%3</translation>
    </message>
    <message>
        <source>refused an unsigned download request from %1 (%2)</source>
        <translation>已拒绝来自 %1（%2）的无签名下载请求</translation>
    </message>
    <message>
        <source>refused a download request with a bad signature from %1 (%2)</source>
        <translation>已拒绝来自 %1（%2）签名无效的下载请求</translation>
    </message>
    <message>
        <source>refused a download request from %1 (%2): its key has changed</source>
        <translation>已拒绝来自 %1（%2）的下载请求：它的密钥已更改</translation>
    </message>
    <message>
        <source>refused a download request from %1 (%2) that does not decrypt</source>
        <translation>已拒绝来自 %1（%2）无法解密的下载请求</translation>
    </message>
    <message>
        <source>refused a replayed download request from %1 (%2)</source>
        <translation>已拒绝来自 %1（%2）的重放下载请求</translation>
    </message>
    <message>
        <source>refused a download request from %1 (%2) for a file not offered to it</source>
        <translation>已拒绝来自 %1（%2）的下载请求：该文件并未发给它</translation>
    </message>
    <message>
        <source>refused a plain-text download request from %1 (%2): encryption is required</source>
        <translation>已拒绝来自 %1（%2）的明文下载请求：当前要求加密</translation>
    </message>
</context>
<context>
    <name>lanpigeon::NetworkNode</name>
    <message>
        <source>cannot open our encryption key in %1: %2</source>
        <translation>无法打开 %1 中我们的加密密钥：%2</translation>
    </message>
    <message>
        <source>not connected: start LanPigeon first</source>
        <translation>未连接：请先启动局域网信鸽</translation>
    </message>
</context>
<context>
    <name>lanpigeon::OfflineQueue</name>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>not sent: %1 did not come back in time</source>
        <translation>未发送：%1 未能及时上线</translation>
    </message>
    <message>
        <source>not fetched before LanPigeon was closed: its files are no longer offered</source>
        <translation>局域网信鸽关闭前对方未接收：这些文件已不再提供</translation>
    </message>
</context>
<context>
    <name>lanpigeon::PeerModel</name>
    <message>
        <source>The key of this login and computer name has changed: compare fingerprints before trusting new messages.</source>
        <extracomment>Keys are remembered by login and computer name, which a new person may share</extracomment>
        <translation>此登录名和计算机名的密钥已更改：请先核对指纹，再信任新消息。</translation>
    </message>
    <message>
        <source>Online at %1</source>
        <extracomment>The person&apos;s computer is on several networks; %1 lists address:port pairs</extracomment>
        <translation>在线地址：%1</translation>
    </message>
</context>
<context>
    <name>lanpigeon::RecentChatsModel</name>
    <message>
        <source>%1 (offline)</source>
        <translation>%1（离线）</translation>
    </message>
    <message>
        <source>✉ Sealed message</source>
        <translation>✉ 密封消息</translation>
    </message>
    <message>
        <source>📎 Files</source>
        <translation>📎 文件</translation>
    </message>
    <message>
        <source>[auto-reply] %1</source>
        <translation>[自动回复] %1</translation>
    </message>
    <message>
        <source>Me: %1</source>
        <translation>我：%1</translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 及另外 %n 个文件</numerusform>
        </translation>
    </message>
    <message>
        <source>📎 %1</source>
        <translation>📎 %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Group chat</source>
        <translation>群聊</translation>
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
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>You left this group chat</source>
        <translation>你已退出该群聊</translation>
    </message>
    <message>
        <source>You were removed by %1</source>
        <translation>你已被 %1 移出群聊</translation>
    </message>
</context>
<context>
    <name>lanpigeon::RoomNotice</name>
    <message>
        <source>You created the group chat</source>
        <translation>你创建了群聊</translation>
    </message>
    <message>
        <source>%1 created the group chat</source>
        <translation>%1 创建了群聊</translation>
    </message>
    <message>
        <source>You added %1</source>
        <translation>你邀请了 %1 加入群聊</translation>
    </message>
    <message>
        <source>%1 added %2</source>
        <translation>%1 邀请了 %2 加入群聊</translation>
    </message>
    <message>
        <source>You removed %1</source>
        <translation>你将 %1 移出了群聊</translation>
    </message>
    <message>
        <source>%1 removed %2</source>
        <translation>%1 将 %2 移出了群聊</translation>
    </message>
    <message>
        <source>You left the group chat</source>
        <translation>你退出了群聊</translation>
    </message>
    <message>
        <source>%1 left the group chat</source>
        <translation>%1 退出了群聊</translation>
    </message>
    <message>
        <source>You changed the members</source>
        <translation>你修改了群成员</translation>
    </message>
    <message>
        <source>%1 changed the members</source>
        <translation>%1 修改了群成员</translation>
    </message>
    <message>
        <source>%1 removed you</source>
        <translation>%1 将你移出了群聊</translation>
    </message>
    <message>
        <source>%1 removed you and %2</source>
        <translation>%1 将你和 %2 移出了群聊</translation>
    </message>
</context>
<context>
    <name>lanpigeon::RoomService</name>
    <message>
        <source>cannot prepare group chats: %1</source>
        <translation>无法准备群聊：%1</translation>
    </message>
    <message>
        <source>%1 created the group chat</source>
        <translation>%1 创建了群聊</translation>
    </message>
    <message>
        <source>%1 added %2</source>
        <translation>%1 添加了 %2</translation>
    </message>
    <message>
        <source>%1 left the group chat</source>
        <translation>%1 退出了群聊</translation>
    </message>
    <message>
        <source>%1 removed %2</source>
        <translation>%1 移除了 %2</translation>
    </message>
</context>
<context>
    <name>lanpigeon::TransferModel</name>
    <message>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>active</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>lanpigeon::UdpTransport</name>
    <message>
        <source>cannot bind UDP %1:%2: %3</source>
        <translation>无法绑定 UDP %1:%2：%3</translation>
    </message>
    <message>
        <source>packet of %1 bytes exceeds the UDP limit of %2 bytes</source>
        <translation>%1 字节的包超过了 UDP 上限 %2 字节</translation>
    </message>
    <message>
        <source>cannot send to %1:%2: %3</source>
        <translation>无法发送到 %1:%2：%3</translation>
    </message>
    <message numerus="yes">
        <source>%n more malformed datagram(s) in the last second not reported one by one</source>
        <translation>
            <numerusform>另有 %n 个错误数据报在过去一秒内未逐条报告</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lanpigeon::pictures::PictureService</name>
    <message>
        <source>[picture: %1]</source>
        <translation>[图片：%1]</translation>
    </message>
    <message>
        <source>picture not received: %1</source>
        <translation>图片未收到：%1</translation>
    </message>
    <message>
        <source>picture too large: %1 bytes, at most %2</source>
        <translation>图片过大：%1 字节，最多 %2</translation>
    </message>
    <message>
        <source>too many pictures arriving: more than %1 wait to be fetched</source>
        <translation>收到的图片过多：已有超过 %1 张在等待接收</translation>
    </message>
    <message>
        <source>picture not fetched: %1</source>
        <translation>图片未能取回：%1</translation>
    </message>
    <message>
        <source>cannot read the fetched picture: %1</source>
        <translation>无法读取取回的图片：%1</translation>
    </message>
</context>
<context>
    <name>lanpigeon::tftp::TftpClient</name>
    <message>
        <source>cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>cannot rename %1</source>
        <translation>无法重命名 %1</translation>
    </message>
</context>
<context>
    <name>lanpigeon::tftp::TftpServer</name>
    <message>
        <source>%1 is not a folder</source>
        <translation>%1 不是文件夹</translation>
    </message>
    <message>
        <source>cannot bind UDP %1:%2: %3</source>
        <translation>无法绑定 UDP %1:%2：%3</translation>
    </message>
</context>
<context>
    <name>lanpigeon::tftp::TftpTransfer</name>
    <message>
        <source>cannot open a UDP socket: %1</source>
        <translation>无法打开 UDP 套接字：%1</translation>
    </message>
    <message>
        <source>no TFTP server at %1 port %2 (port unreachable)</source>
        <translation>%1 的 %2 端口上没有 TFTP 服务器（端口不可达）</translation>
    </message>
    <message>
        <source>%1 closed its end of the transfer (port unreachable)</source>
        <translation>%1 关闭了传输（端口不可达）</translation>
    </message>
    <message>
        <source>peer error %1: %2</source>
        <translation>对方报错 %1：%2</translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::Autostart</name>
    <message>
        <source>Could not remove %1: %2</source>
        <translation>无法删除 %1：%2</translation>
    </message>
    <message>
        <source>Could not make the folder %1.</source>
        <translation>无法创建文件夹 %1。</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::BubbleDelegate</name>
    <message>
        <source>sending…</source>
        <translation>发送中…</translation>
    </message>
    <message>
        <source>✓ delivered</source>
        <translation>✓ 已送达</translation>
    </message>
    <message>
        <source>✓✓ read</source>
        <translation>✓✓ 已读</translation>
    </message>
    <message>
        <source>✉ sending…</source>
        <translation>✉ 发送中…</translation>
    </message>
    <message>
        <source>✉ sealed, not opened yet</source>
        <translation>✉ 已密封，对方尚未拆开</translation>
    </message>
    <message>
        <source>✗ not delivered</source>
        <translation>✗ 未送达</translation>
    </message>
    <message>
        <source>✗ not sent</source>
        <translation>✗ 未发送</translation>
    </message>
    <message>
        <source>[auto-reply]</source>
        <translation>[自动回复]</translation>
    </message>
    <message>
        <source>✉ opened</source>
        <translation>✉ 已拆开</translation>
    </message>
    <message>
        <source>offered, waiting for them to accept</source>
        <translation>已发出，等待对方接收</translation>
    </message>
    <message>
        <source>being fetched, %1%</source>
        <translation>对方正在接收，%1%</translation>
    </message>
    <message>
        <source>✓ fetched</source>
        <translation>✓ 对方已接收</translation>
    </message>
    <message>
        <source>declined</source>
        <translation>对方已拒绝</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>✗ failed</source>
        <translation>✗ 失败</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>原因不明</translation>
    </message>
    <message>
        <source>%1. Sending it again cannot help: shorten it, or send it as a file.</source>
        <translation>%1。重发也无济于事：请缩短内容，或作为文件发送。</translation>
    </message>
    <message>
        <source>%1. Sending it again cannot help.</source>
        <translation>%1。重发也无济于事。</translation>
    </message>
    <message>
        <source>%1. Double-click to send it again.</source>
        <translation>%1。双击可重新发送。</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <source>ddd d MMM</source>
        <extracomment>Date format of a day separator in the current year (QDate format), e.g. Mon 23 Nov</extracomment>
        <translation>M月d日 ddd</translation>
    </message>
    <message>
        <source>too large</source>
        <translation>太大</translation>
    </message>
    <message>
        <source>not a picture</source>
        <translation>不是图片</translation>
    </message>
    <message>
        <source>format not supported</source>
        <translation>格式不受支持</translation>
    </message>
    <message>
        <source>damaged or incomplete</source>
        <translation>已损坏或不完整</translation>
    </message>
    <message>
        <source>Picture did not arrive: %1</source>
        <translation>图片未收到：%1</translation>
    </message>
    <message>
        <source>[picture]</source>
        <translation>[图片]</translation>
    </message>
    <message>
        <source>Picture could not be shown: %1</source>
        <translation>图片无法显示：%1</translation>
    </message>
    <message>
        <source>loading picture…</source>
        <translation>正在加载图片…</translation>
    </message>
    <message>
        <source>picture arriving…</source>
        <translation>图片接收中…</translation>
    </message>
    <message>
        <source>%1. To send it in clear text, turn off &quot;Only send to peers who can encrypt&quot; in Settings, then double-click it.</source>
        <translation>%1。如要以明文发送，请在设置中关闭“只发给支持加密的好友”，然后双击它。</translation>
    </message>
    <message>
        <source>Too long for the peer to read in one message</source>
        <translation>太长：对方一条消息读不下</translation>
    </message>
    <message>
        <source>Not sent: the peer has no valid address</source>
        <translation>未发送：对方的地址无效</translation>
    </message>
    <message>
        <source>No answer from the peer</source>
        <translation>对方没有应答</translation>
    </message>
    <message>
        <source>The network refused to send it</source>
        <translation>网络拒绝发送</translation>
    </message>
    <message>
        <source>Not sent: the peer cannot encrypt, and plain text is refused</source>
        <translation>对方不支持加密：未发送，已设为拒绝明文</translation>
    </message>
    <message>
        <source>Not sent: it could not be encrypted for the peer, and it is never sent in clear text instead</source>
        <translation>无法为对方加密：未发送，也不会改用明文发送</translation>
    </message>
    <message>
        <source>Queued — will be sent when %1 is back</source>
        <translation>排队中 — %1 上线后自动发送</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Queued — waits until you check %1&apos;s new key (Security)</source>
        <translation>排队中 — 等你核对 %1 的新密钥后再发送（安全）</translation>
    </message>
    <message>
        <source>Not sent: a file of it no longer exists</source>
        <translation>未发送：其中有文件已不存在</translation>
    </message>
    <message>
        <source>Not fetched before LanPigeon was closed: its files are no longer offered</source>
        <translation>局域网信鸽关闭前对方未接收：这些文件已不再提供</translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::BuddyDelegate</name>
    <message>
        <source>[busy] %1</source>
        <translation>[忙碌] %1</translation>
    </message>
    <message>
        <source>[away] %1</source>
        <translation>[离开] %1</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <source>[busy]</source>
        <translation>[忙碌]</translation>
    </message>
    <message>
        <source>[away]</source>
        <translation>[离开]</translation>
    </message>
    <message>
        <source>%1 (offline)</source>
        <translation>%1（离线）</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n 名成员</numerusform>
        </translation>
    </message>
    <message>
        <source>👥 %1</source>
        <translation>👥 %1</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>offline, seen %1</source>
        <translation>离线，最后在线 %1</translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::ChatPage</name>
    <message>
        <source>📄 File</source>
        <translation>📄 文件</translation>
    </message>
    <message>
        <source>Send files</source>
        <translation>发送文件</translation>
    </message>
    <message>
        <source>📁 Folder</source>
        <translation>📁 文件夹</translation>
    </message>
    <message>
        <source>Send a folder</source>
        <translation>发送文件夹</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>no workgroup</source>
        <translation>未分组</translation>
    </message>
    <message>
        <source>Emoji</source>
        <translation>表情</translation>
    </message>
    <message>
        <source>🔍 Search history</source>
        <translation>🔍 搜索聊天记录</translation>
    </message>
    <message>
        <source>Searching for “%1”…</source>
        <translation>正在搜索“%1”…</translation>
    </message>
    <message>
        <source>No message contains “%1”.</source>
        <translation>没有包含“%1”的消息。</translation>
    </message>
    <message>
        <source>✉ Sealed</source>
        <translation>✉ 密封</translation>
    </message>
    <message>
        <source>Seal the next message: %1 must click it to read it, and you see when it was opened (Ctrl+Shift+S)</source>
        <translation>密封下一条消息：%1 须点击才能阅读，拆开时你会看到回执（Ctrl+Shift+S）</translation>
    </message>
    <message>
        <source>Sealed: %1 must click the message to read it</source>
        <translation>密封消息：%1 须点击才能阅读</translation>
    </message>
    <message>
        <source>Too long for %1: %2 bytes, at most %3 fit in one message. Shorten it, or send it as a file.</source>
        <translation>对 %1 来说太长：%2 字节，一条消息最多 %3 字节。请缩短内容，或作为文件发送。</translation>
    </message>
    <message>
        <source>📎 %1 (%2)</source>
        <translation>📎 %1（%2）</translation>
    </message>
    <message>
        <source>📎 %1</source>
        <translation>📎 %1</translation>
    </message>
    <message>
        <source>%1 stopped fetching it</source>
        <translation>%1 中途停止了接收</translation>
    </message>
    <message>
        <source>Open sealed message</source>
        <translation>拆开密封消息</translation>
    </message>
    <message>
        <source>Copy text</source>
        <translation>复制文字</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>重新发送</translation>
    </message>
    <message>
        <source>Cancel sending</source>
        <translation>取消发送</translation>
    </message>
    <message>
        <source>🌙 away</source>
        <translation>🌙 离开</translation>
    </message>
    <message>
        <source>🌙 away: %1</source>
        <translation>🌙 离开：%1</translation>
    </message>
    <message>
        <source>⛔ busy</source>
        <translation>⛔ 忙碌</translation>
    </message>
    <message>
        <source>⛔ busy: %1</source>
        <translation>⛔ 忙碌：%1</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; &lt;span style=&apos;color:%2&apos;&gt;— offline&lt;/span&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; &lt;span style=&apos;color:%2&apos;&gt;— 离线&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;%7 &lt;span style=&apos;color:%8&apos;&gt;%2@%3 (%4) · %5 · %6&lt;/span&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;%7 &lt;span style=&apos;color:%8&apos;&gt;%2@%3 (%4) · %5 · %6&lt;/span&gt;</translation>
    </message>
    <message>
        <source>🖼 Picture</source>
        <translation>🖼 图片</translation>
    </message>
    <message>
        <source>Put a picture in the message (PNG, JPEG, GIF or WebP)</source>
        <translation>在消息中插入图片（PNG、JPEG、GIF 或 WebP）</translation>
    </message>
    <message>
        <source>Put pictures in the message</source>
        <translation>在消息中插入图片</translation>
    </message>
    <message>
        <source>Pictures (*.png *.jpg *.jpeg *.gif *.webp *.bmp)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.gif *.webp *.bmp)</translation>
    </message>
    <message>
        <source>✂ Screenshot</source>
        <translation>✂ 截图</translation>
    </message>
    <message>
        <source>Drag out a region of the screen to put in the message (Ctrl+Alt+A)</source>
        <translation>拖选屏幕区域插入消息（Ctrl+Alt+A）</translation>
    </message>
    <message>
        <source>Hide LanPigeon&apos;s windows</source>
        <translation>截图时隐藏局域网信鸽窗口</translation>
    </message>
    <message>
        <source>Compare fingerprints…</source>
        <translation>核对指纹…</translation>
    </message>
    <message>
        <source>Change in Settings…</source>
        <translation>在设置中更改…</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 cannot encrypt.&lt;/b&gt; Your setting &quot;Only send to peers who can encrypt&quot; refuses clear text: messages and files to %1 will not be sent.</source>
        <translation>&lt;b&gt;%1 不支持加密。&lt;/b&gt;您的设置“只发给支持加密的好友”拒绝明文：发给 %1 的消息和文件都不会发出。</translation>
    </message>
    <message>
        <source>Not sent: %1 cannot encrypt, and your setting refuses clear text. Change it in Settings, under Privacy.</source>
        <translation>无法发送：%1 不支持加密，而您的设置拒绝明文。可在“设置”的“隐私”中更改。</translation>
    </message>
    <message>
        <source>Export or delete this chat&apos;s history</source>
        <translation>导出或删除此聊天的记录</translation>
    </message>
    <message>
        <source>Export chat…</source>
        <translation>导出聊天…</translation>
    </message>
    <message>
        <source>Delete chat history…</source>
        <translation>删除聊天记录…</translation>
    </message>
    <message>
        <source>Chat exported to %1.</source>
        <translation>聊天已导出到 %1。</translation>
    </message>
    <message>
        <source>Could not export the chat to %1: %2</source>
        <translation>无法将聊天导出到 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n message(s) from history.</source>
        <translation>
            <numerusform>已从记录中删除 %n 条消息。</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not delete the chat&apos;s history.</source>
        <translation>无法删除此聊天的记录。</translation>
    </message>
    <message>
        <source>&lt;b&gt;The key of %1&apos;s login and computer name has changed.&lt;/b&gt; It may be someone else. Compare fingerprints before trusting new messages.</source>
        <extracomment>Keys are remembered by login and computer name, which a new person may share</extracomment>
        <translation>&lt;b&gt;%1 所用登录名和计算机名的密钥已更改。&lt;/b&gt;可能是别人。请先核对指纹，再信任新消息。</translation>
    </message>
    <message>
        <source>Exporting the chat to %1…</source>
        <translation>正在将聊天导出到 %1…</translation>
    </message>
    <message>
        <source>Web page with pictures (*.html)</source>
        <translation>网页（含图片）(*.html)</translation>
    </message>
    <message>
        <source>Plain text (*.txt)</source>
        <translation>纯文本 (*.txt)</translation>
    </message>
    <message>
        <source>Export chat</source>
        <translation>导出聊天</translation>
    </message>
    <message>
        <source>Chat with %1</source>
        <translation>与 %1 的聊天</translation>
    </message>
    <message>
        <source>Delete chat history</source>
        <translation>删除聊天记录</translation>
    </message>
    <message>
        <source>Delete every message of your chat with %1 from history? This cannot be undone.</source>
        <translation>要从记录中删除你与 %1 的所有消息吗？此操作无法撤销。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message numerus="yes">
        <source>That message is more than %n message(s) back; scroll up to reach it.</source>
        <translation>
            <numerusform>那条消息在 %n 条消息之前；请向上滚动查看。</numerusform>
        </translation>
    </message>
    <message>
        <source>Group chat</source>
        <translation>群聊</translation>
    </message>
    <message>
        <source>Add members…</source>
        <translation>邀请成员…</translation>
    </message>
    <message>
        <source>Leave group chat</source>
        <translation>退出群聊</translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation>%1（我）</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%1&lt;/b&gt; &lt;span style=&apos;color:%3&apos;&gt;· %n member(s), %2 online&lt;/span&gt;</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; &lt;span style=&apos;color:%3&apos;&gt;· %n 名成员，%2 人在线&lt;/span&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>Members (%1/%2)</source>
        <translation>群成员（%1/%2）</translation>
    </message>
    <message>
        <source>Leave group chat…</source>
        <translation>退出群聊…</translation>
    </message>
    <message>
        <source>Remove from group chat</source>
        <translation>移出群聊</translation>
    </message>
    <message>
        <source>Leave “%1”? You will get none of its messages until a member adds you again. Its history stays.</source>
        <translation>退出“%1”？在成员再次邀请你之前，你将收不到它的消息。聊天记录会保留。</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>%1 (offline)</source>
        <translation>%1（离线）</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) contain “%1” (click one to see it in the conversation; Esc closes the search):</source>
        <translation>
            <numerusform>%n 条消息含有“%1”（点一条可在会话中查看；按 Esc 关闭搜索）：</numerusform>
        </translation>
    </message>
    <message>
        <source>A message found for “%1”: Enter in the search box shows the results again, Esc closes the search.</source>
        <translation>搜索“%1”找到的消息：在搜索框按回车可回到结果，按 Esc 关闭搜索。</translation>
    </message>
    <message>
        <source>Chat with %1 (%2)</source>
        <translation>与 %1 的聊天（%2）</translation>
    </message>
    <message>
        <source>Nobody else is in this group chat: add members to write to it. People who share your login and computer name (%1@%2) cannot be members.</source>
        <translation>群里只有你自己：先邀请成员才能发言。与你登录名和计算机名相同（%1@%2）的人不能成为群成员。</translation>
    </message>
    <message>
        <source>Show or hide the members</source>
        <translation>显示或隐藏群成员</translation>
    </message>
    <message>
        <source>Group chat %1</source>
        <translation>群聊 %1</translation>
    </message>
    <message>
        <source>Delete every message of the group chat %1 from your history? The group chat and its members stay. This cannot be undone.</source>
        <translation>要从聊天记录中删除群聊 %1 的全部消息吗？群聊及其成员会保留。此操作无法撤销。</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) still waiting to be sent will not be sent.</source>
        <translation>
            <numerusform>%n 条仍在等待发送的消息将不会发出。</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; &lt;span style=&apos;color:%2&apos;&gt;— %3&lt;/span&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; &lt;span style=&apos;color:%2&apos;&gt;— %3&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Type a message to everyone in the group chat (words and emoji)</source>
        <translation>输入发给全体群成员的消息（文字和表情）</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <source>not delivered</source>
        <translation>未送达</translation>
    </message>
    <message>
        <source>queued until they are back</source>
        <translation>排队中，对方上线后发送</translation>
    </message>
    <message>
        <source>sending…</source>
        <translation>发送中…</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>✓ delivered</source>
        <translation>✓ 已送达</translation>
    </message>
    <message numerus="yes">
        <source>✓ delivered to all %n</source>
        <translation>
            <numerusform>✓ 已全部送达（%n 人）</numerusform>
        </translation>
    </message>
    <message>
        <source>Delivered to %1 of %2</source>
        <translation>已送达 %1/%2 人</translation>
    </message>
    <message>
        <source>Queued for %1</source>
        <translation>等待 %1 上线</translation>
    </message>
    <message numerus="yes">
        <source>Queued for %1 and %n more</source>
        <translation>
            <numerusform>等待 %1 等 %n 人上线</numerusform>
        </translation>
    </message>
    <message>
        <source>not sent</source>
        <translation>未发送</translation>
    </message>
    <message>
        <source>📁 %1</source>
        <translation>📁 %1</translation>
    </message>
    <message>
        <source>📁 %1 (%2)</source>
        <translation>📁 %1（%2）</translation>
    </message>
    <message>
        <source>Delivered to %1 of %2 · queued for %3</source>
        <translation>已送达 %1/%2 人 · 等待 %3 上线</translation>
    </message>
    <message numerus="yes">
        <source>Delivered to %1 of %2 · queued for %3 and %n more</source>
        <translation>
            <numerusform>已送达 %1/%2 人 · 等待 %3 及另外 %n 人上线</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::ChatWindow</name>
    <message>
        <source>Chat — LanPigeon</source>
        <translation>聊天 — 局域网信鸽</translation>
    </message>
    <message>
        <source>%1 — LanPigeon</source>
        <translation>%1 — 局域网信鸽</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1 (offline)</source>
        <translation>%1（离线）</translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::GroupMessageDialog</name>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Group message</source>
        <translation>群发消息</translation>
    </message>
    <message>
        <source>Everyone online</source>
        <translation>所有在线的人</translation>
    </message>
    <message>
        <source>Type the message for everyone ticked</source>
        <translation>输入要发给所有勾选者的消息</translation>
    </message>
    <message>
        <source>Nobody is online to write to.</source>
        <translation>现在没有人在线。</translation>
    </message>
    <message>
        <source>Tick the people this message is for:</source>
        <translation>勾选要发给谁：</translation>
    </message>
    <message numerus="yes">
        <source>To %n of %1: %2</source>
        <translation>
            <numerusform>发给 %1 人中的 %n 人：%2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::Launcher</name>
    <message>
        <source>No system tray here: LanPigeon stays in view.</source>
        <translation>此桌面没有系统托盘：窗口保持显示。</translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::MainWindow</name>
    <message>
        <source>LanPigeon</source>
        <translation>局域网信鸽</translation>
    </message>
    <message>
        <source>Search by name, group or IP</source>
        <translation>按名字、分组或 IP 搜索</translation>
    </message>
    <message>
        <source>✉ Group</source>
        <translation>✉ 群发</translation>
    </message>
    <message>
        <source>One message to every selected peer or workgroup</source>
        <translation>给选中的好友或整个分组发同一条消息</translation>
    </message>
    <message>
        <source>⇅ Transfers</source>
        <translation>⇅ 传输</translation>
    </message>
    <message>
        <source>⛁ TFTP</source>
        <translation>⛁ TFTP</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Ask everyone on the LAN to say who they are</source>
        <translation>刷新：请局域网里的每个人报上名来</translation>
    </message>
    <message>
        <source>Show LanPigeon</source>
        <translation>显示主窗口</translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation>传输</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>LanPigeon cannot start</source>
        <translation>局域网信鸽无法启动</translation>
    </message>
    <message>
        <source>no workgroup</source>
        <translation>未分组</translation>
    </message>
    <message>
        <source>🟢 Online</source>
        <translation>🟢 在线</translation>
    </message>
    <message>
        <source>🌙 Away</source>
        <translation>🌙 离开</translation>
    </message>
    <message>
        <source>⛔ Busy</source>
        <translation>⛔ 忙碌</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Message for those who write to you:</source>
        <translation>给来信者的自动回复：</translation>
    </message>
    <message>
        <source>I&apos;m away</source>
        <translation>我现在不在</translation>
    </message>
    <message>
        <source>I&apos;m busy</source>
        <translation>我正忙</translation>
    </message>
    <message>
        <source>%1 says</source>
        <translation>%1 说</translation>
    </message>
    <message>
        <source>Receiving files from %1…</source>
        <translation>正在接收 %1 的文件…</translation>
    </message>
    <message>
        <source>%1 sends you files</source>
        <translation>%1 给你发来文件</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>聊天</translation>
    </message>
    <message>
        <source>Send files…</source>
        <translation>发送文件…</translation>
    </message>
    <message>
        <source>Send a folder…</source>
        <translation>发送文件夹…</translation>
    </message>
    <message>
        <source>Peer info</source>
        <translation>好友资料</translation>
    </message>
    <message>
        <source>Message the whole workgroup…</source>
        <translation>给整个分组发消息…</translation>
    </message>
    <message>
        <source>Send files to the workgroup…</source>
        <translation>给整个分组发文件…</translation>
    </message>
    <message>
        <source>Buddies</source>
        <translation>好友</translation>
    </message>
    <message>
        <source>Recent chats</source>
        <translation>最近会话</translation>
    </message>
    <message>
        <source>port %1</source>
        <translation>端口 %1</translation>
    </message>
    <message>
        <source>Your status: click to change it</source>
        <translation>你的状态：点击更改</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Sending to %1…</source>
        <translation>正在发送给 %1…</translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 等另外 %n 人</numerusform>
        </translation>
    </message>
    <message>
        <source>Delivered to %1 of %2.</source>
        <translation>已送达 %1/%2 人。</translation>
    </message>
    <message>
        <source>✉ Sealed message</source>
        <translation>✉ 密封消息</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Away</source>
        <translation>离开</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>忙碌</translation>
    </message>
    <message>
        <source>Nickname: %1
User: %2
Host: %3
Address: %4:%5
Workgroup: %6
Client: %7
Status: %8</source>
        <translation>昵称：%1
用户：%2
主机：%3
地址：%4:%5
工作组：%6
客户端：%7
状态：%8</translation>
    </message>
    <message>
        <source>the language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Settings saved</source>
        <translation>设置已保存</translation>
    </message>
    <message>
        <source>Saved. LanPigeon uses %1 from its next start.</source>
        <translation>已保存。%1将在局域网信鸽下次启动时生效。</translation>
    </message>
    <message>
        <source>⚠ Offline: %1</source>
        <translation>⚠ 离线：%1</translation>
    </message>
    <message>
        <source>⚫ Offline</source>
        <translation>⚫ 离线</translation>
    </message>
    <message>
        <source>Nobody online matches “%1”.</source>
        <translation>没有在线的人匹配“%1”。</translation>
    </message>
    <message>
        <source>Remove from Recent chats</source>
        <translation>从最近会话中移除</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>No recent chat matches “%1”.</source>
        <translation>没有匹配“%1”的最近会话。</translation>
    </message>
    <message>
        <source>Screenshot copied: paste it into a chat with Ctrl+V</source>
        <translation>截图已复制：在聊天中按 Ctrl+V 粘贴</translation>
    </message>
    <message>
        <source>Security and fingerprints…</source>
        <translation>安全与指纹…</translation>
    </message>
    <message>
        <source>Not delivered to %1: their chats say why.</source>
        <translation>未送达 %1：原因见各自的聊天。</translation>
    </message>
    <message>
        <source>Group chats</source>
        <extracomment>QQ&apos;s 群聊 tab</extracomment>
        <translation>群聊</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>New group chat…</source>
        <translation>发起群聊…</translation>
    </message>
    <message>
        <source>New group chat with the workgroup…</source>
        <translation>与该分组发起群聊…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Leave group chat…</source>
        <translation>退出群聊…</translation>
    </message>
    <message>
        <source>New group chat: with buddies you pick, everyone sees every message</source>
        <translation>发起群聊：与选中的好友一起，每个人都能看到所有消息</translation>
    </message>
    <message>
        <source>That port is in use by another program: %1</source>
        <translation>该端口已被其他程序占用：%1</translation>
    </message>
    <message>
        <source>That address is not one of this computer&apos;s: %1</source>
        <translation>该地址不是本机的地址：%1</translation>
    </message>
    <message>
        <source>No group chat or member matches “%1”.</source>
        <translation>没有群聊或成员匹配“%1”。</translation>
    </message>
    <message>
        <source>Group chats (%1)</source>
        <extracomment>QQ&apos;s 群聊 tab, with its unread count</extracomment>
        <translation>群聊 (%1)</translation>
    </message>
    <message>
        <source>No buddy matches “%1”.</source>
        <translation>没有好友匹配“%1”。</translation>
    </message>
    <message>
        <source>On several networks, at:
%1
Messages go to the address that answered last.</source>
        <extracomment>A computer on several networks at once; %1 lists every address:port, one a line</extracomment>
        <translation>同时连接多个网络，地址：
%1
消息发往最近一次应答的地址。</translation>
    </message>
    <message>
        <source>Recent</source>
        <extracomment>The Recent chats tab: short, to fit three tabs and their counts in a narrow window</extracomment>
        <translation>最近会话</translation>
    </message>
    <message>
        <source>Recent (%1)</source>
        <extracomment>The Recent chats tab with its unread count, as short as the tab without it</extracomment>
        <translation>最近会话 (%1)</translation>
    </message>
    <message numerus="yes">
        <source>Recent chats: %n unread</source>
        <translation>
            <numerusform>最近会话：%n 条未读</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Group chats: %n unread</source>
        <translation>
            <numerusform>群聊：%n 条未读</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::MessageInput</name>
    <message>
        <source>%1 is larger than %2: send it as a file instead.</source>
        <translation>%1 超过 %2：请改为以文件发送。</translation>
    </message>
    <message>
        <source>%1 is not a PNG, JPEG, GIF, WebP or BMP picture.</source>
        <translation>%1 不是 PNG、JPEG、GIF、WebP 或 BMP 图片。</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 is larger than %2 pixels a side.</source>
        <translation>%1 的边长超过 %2 像素。</translation>
    </message>
    <message>
        <source>%1 cannot be shown: %2</source>
        <translation>%1 无法显示：%2</translation>
    </message>
    <message>
        <source>The picture could not be encoded: %1</source>
        <translation>图片无法编码：%1</translation>
    </message>
    <message>
        <source>The picture</source>
        <translation>该图片</translation>
    </message>
    <message>
        <source>Type a message; paste or drop pictures; drop files here to send them</source>
        <translation>输入消息；可粘贴或拖入图片；把文件拖到这里即可发送</translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::NetworkBand</name>
    <message>
        <source>Network settings…</source>
        <translation>网络设置…</translation>
    </message>
    <message>
        <source>Nobody has answered: no network is connected. Plug in the cable or turn Wi-Fi on.</source>
        <translation>还没有人应答：没有连接任何网络。请插上网线或打开 Wi-Fi。</translation>
    </message>
    <message>
        <source>Nobody has answered: LanPigeon listens on %1, a loopback address that only this computer reaches. Clear the bind address to be seen on the LAN.</source>
        <translation>还没有人应答：局域网信鸽监听的是 %1，这是回环地址，只有本机能访问。清空绑定地址后，局域网里的人才能看到你。</translation>
    </message>
    <message>
        <source>Nobody has answered: this computer has no network but loopback.</source>
        <translation>还没有人应答：这台电脑除了回环之外没有任何网络。</translation>
    </message>
    <message>
        <source>Nobody can answer: the bind address %1 is not on any network of this computer now. Clear it, or pick one the computer has.</source>
        <translation>没有人能应答：绑定地址 %1 现在不在这台电脑的任何网络上。请清空它，或选一个本机有的地址。</translation>
    </message>
    <message>
        <source>Another program (FeiQ, iptux, IP Messenger…) holds port %1, so LanPigeon hears nobody. Close it or choose another port.</source>
        <translation>另一个程序（飞秋、iptux、IP Messenger…）占用了端口 %1，局域网信鸽收不到任何人的消息。请关闭它或换一个端口。</translation>
    </message>
    <message>
        <source>Nobody has answered yet. A firewall may block UDP port %1, or the others are on another subnet: add it under Other subnets and hosts.</source>
        <translation>还没有人应答。可能是防火墙拦截了 UDP 端口 %1，或者其他人在另一个网段：请在“其他网段和主机”中添加。</translation>
    </message>
    <message>
        <source>Nobody has answered: LanPigeon listens on %1, a loopback address that only this computer reaches, because LANPIGEON_BIND sets it for this run. Start LanPigeon without LANPIGEON_BIND to be seen on the LAN.</source>
        <translation>还没有人应答：局域网信鸽监听的是 %1，这是回环地址，只有本机能访问；它来自环境变量 LANPIGEON_BIND，只对这次运行有效。不设置 LANPIGEON_BIND 重新启动局域网信鸽，局域网里的人才能看到你。</translation>
    </message>
    <message>
        <source>Nobody can answer: the bind address %1, set by LANPIGEON_BIND for this run, is not on any network of this computer now. Start LanPigeon without LANPIGEON_BIND, or with an address the computer has.</source>
        <translation>没有人能应答：绑定地址 %1 来自环境变量 LANPIGEON_BIND（只对这次运行有效），但它现在不在本机的任何网络上。请不设置 LANPIGEON_BIND 重新启动局域网信鸽，或改成本机有的地址。</translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::NetworkPage</name>
    <message>
        <source>Interface</source>
        <translation>接口</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Broadcast</source>
        <translation>广播地址</translation>
    </message>
    <message>
        <source>Last sent</source>
        <translation>最近发送</translation>
    </message>
    <message>
        <source>Last received</source>
        <translation>最近接收</translation>
    </message>
    <message>
        <source>Read-only. The port and bind address are on the General page.</source>
        <translation>只读。端口和绑定地址在“常规”页中设置。</translation>
    </message>
    <message>
        <source>Reading the network…</source>
        <translation>正在读取网络信息…</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <source>all addresses (%1)</source>
        <translation>所有地址（%1）</translation>
    </message>
    <message>
        <source>LanPigeon holds UDP and TCP port %1 on %2. Peers known: %3.</source>
        <translation>局域网信鸽在 %2 上占用 UDP 和 TCP 端口 %1。已知好友：%3 个。</translation>
    </message>
    <message>
        <source>LanPigeon holds no port: it could not take UDP and TCP port %1 on %2.</source>
        <translation>局域网信鸽没有占用任何端口：无法在 %2 上使用 UDP 和 TCP 端口 %1。</translation>
    </message>
    <message>
        <source>Nothing known to be wrong.</source>
        <translation>未发现问题。</translation>
    </message>
    <message>
        <source>no IPv4 address</source>
        <translation>没有 IPv4 地址</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::OfferCard</name>
    <message>
        <source>&amp;Accept</source>
        <translation>接收(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Save as…</source>
        <translation>另存为(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Reject</source>
        <translation>拒绝(&amp;R)</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message numerus="yes">
        <source> and %n more</source>
        <translation>
            <numerusform> 等 %n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>📎 %1 sends %n item(s), %2: %3</source>
        <translation>
            <numerusform>📎 %1 发来 %n 项，共 %2：%3</numerusform>
        </translation>
    </message>
    <message>
        <source>Save files to</source>
        <translation>保存到</translation>
    </message>
    <message>
        <source>Receiving into %1…</source>
        <translation>正在接收到 %1…</translation>
    </message>
    <message>
        <source>Rejected.</source>
        <translation>已拒绝。</translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message>
        <source>✓ Saved to %1</source>
        <translation>✓ 已保存到 %1</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::PeerPicker</name>
    <message>
        <source>no workgroup</source>
        <translation>未分组</translation>
    </message>
    <message>
        <source>%1 — %2 (%3)</source>
        <translation>%1 — %2（%3）</translation>
    </message>
    <message>
        <source>Search by name, group or IP</source>
        <translation>按名字、分组或 IP 搜索</translation>
    </message>
    <message>
        <source>%1 — %2 (offline)</source>
        <translation>%1 — %2（离线）</translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::PictureViewer</name>
    <message>
        <source>Picture</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <source>Fit the picture to the window</source>
        <translation>缩放图片以适应窗口</translation>
    </message>
    <message>
        <source>100 %</source>
        <translation>100 %</translation>
    </message>
    <message>
        <source>Show the picture at its own size</source>
        <translation>按原始大小显示图片</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the picture to the clipboard</source>
        <translation>将图片复制到剪贴板</translation>
    </message>
    <message>
        <source>Open with…</source>
        <translation>用其他程序打开…</translation>
    </message>
    <message>
        <source>Open the picture in the system&apos;s picture viewer</source>
        <translation>在系统的图片查看器中打开</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Picture could not be shown: %1</source>
        <translation>图片无法显示：%1</translation>
    </message>
    <message>
        <source>Picture — %1 × %2</source>
        <translation>图片 — %1 × %2</translation>
    </message>
    <message>
        <source>Show the picture at its own size (now %1 %)</source>
        <translation>按原始大小显示图片（当前 %1 %）</translation>
    </message>
    <message>
        <source>Save picture</source>
        <translation>保存图片</translation>
    </message>
    <message>
        <source>The picture could not be saved as %1.</source>
        <translation>无法将图片保存为 %1。</translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::RoomDialog</name>
    <message>
        <source>Add members to %1</source>
        <translation>邀请成员加入 %1</translation>
    </message>
    <message>
        <source>New group chat</source>
        <translation>发起群聊</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>邀请</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>e.g. Project team</source>
        <translation>例如：项目组</translation>
    </message>
    <message>
        <source>Group chat name:</source>
        <translation>群聊名称：</translation>
    </message>
    <message>
        <source>Everyone online is in this group chat already.</source>
        <translation>在线的人都已在该群聊中。</translation>
    </message>
    <message>
        <source>Nobody is online to add.</source>
        <translation>没有可邀请的在线好友。</translation>
    </message>
    <message>
        <source>Tick the people to add:</source>
        <translation>勾选要邀请的人：</translation>
    </message>
    <message numerus="yes">
        <source>%n ticked: %1</source>
        <translation>
            <numerusform>已选 %n 人：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message numerus="yes">
        <source>%1 cannot be a member: a group chat knows people by login and computer name, and %n computer(s) there share yours (%2@%3).</source>
        <translation>
            <numerusform>%1 不能成为群成员：群聊按登录名和计算机名识别成员，而其中 %n 台计算机与你的相同（%2@%3）。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::ScreenshotOverlay</name>
    <message>
        <source>Screenshot — LanPigeon</source>
        <translation>截图 — 局域网信鸽</translation>
    </message>
    <message>
        <source>Drag to select a region. Enter or double-click takes it (the whole screen if none), Esc cancels.</source>
        <translation>拖动选择区域。按 Enter 或双击截取（未选择则截取全屏），按 Esc 取消。</translation>
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
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the fingerprint</source>
        <translation>复制指纹</translation>
    </message>
    <message>
        <source>Mark as verified</source>
        <translation>标记为已验证</translation>
    </message>
    <message>
        <source>Your key:</source>
        <translation>你的密钥：</translation>
    </message>
    <message>
        <source>(no key yet)</source>
        <translation>（还没有密钥）</translation>
    </message>
    <message>
        <source>Security — %1</source>
        <translation>安全 — %1</translation>
    </message>
    <message>
        <source>%1 is offline.</source>
        <translation>%1 不在线。</translation>
    </message>
    <message>
        <source>You marked its key as verified.</source>
        <translation>你已将它的密钥标记为已验证。</translation>
    </message>
    <message>
        <source>Nobody has compared its key yet.</source>
        <translation>还没有人核对过它的密钥。</translation>
    </message>
    <message>
        <source>%1&apos;s key now:</source>
        <translation>%1 现在的密钥：</translation>
    </message>
    <message>
        <source>%1&apos;s key:</source>
        <translation>%1 的密钥：</translation>
    </message>
    <message>
        <source>To verify, call or meet %1 and read the fingerprints aloud to each other. If theirs matches the one here, mark it as verified.</source>
        <translation>验证方法：给 %1 打电话或当面，互相念出指纹。如果对方念的与这里显示的一致，就标记为已验证。</translation>
    </message>
    <message>
        <source>%1 is offline now: this can be done when they are back.</source>
        <translation>%1 现在不在线：等对方上线后再核对。</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>已验证</translation>
    </message>
    <message>
        <source>Key remembered for %1:</source>
        <translation>%1 下记住的密钥：</translation>
    </message>
    <message>
        <source>This is not the key remembered for %2, the login and computer name %1 uses. Someone else may be posing as them, they installed LanPigeon again, or they are someone new with the same login and computer name. Do not trust new messages until you have compared it.</source>
        <translation>这不是 %1 所用的登录名和计算机名 %2 下记住的密钥。可能有人冒充，可能对方重装了局域网信鸽，也可能是登录名和计算机名恰好相同的另一个人。核对指纹之前，请不要信任新消息。</translation>
    </message>
    <message>
        <source>%1 has shown no key yet: there is no fingerprint to copy</source>
        <translation>%1 还没有出示密钥：没有可复制的指纹</translation>
    </message>
    <message>
        <source>Your key is not made yet: there is no fingerprint to copy</source>
        <translation>您的密钥还没生成：没有可复制的指纹</translation>
    </message>
    <message>
        <source>(none: %1 cannot encrypt)</source>
        <translation>（无：%1 不支持加密）</translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::SendFilesDialog</name>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Send files</source>
        <translation>发送文件</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Nothing to send.</source>
        <translation>没有可发送的文件。</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s), %1 in all</source>
        <translation>
            <numerusform>%n 个文件，共 %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n folder(s)</source>
        <translation>
            <numerusform>%n 个文件夹</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) (%1) and %2</source>
        <translation>
            <numerusform>%n 个文件（%1）和 %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Not found, left out: %1</source>
        <translation>找不到，已略过：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n ticked: %1</source>
        <translation>
            <numerusform>已选 %n 人：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>Nobody to send to yet: buddies appear here when they are online, or once you have talked to them.</source>
        <translation>还没有可发送的人：好友在线时，或与你聊过天后，会出现在这里。</translation>
    </message>
    <message>
        <source>Tick the buddies to send to (those offline get the files when they are back):</source>
        <translation>勾选要发送的好友（离线的好友上线后会收到文件）：</translation>
    </message>
    <message numerus="yes">
        <source>(%n offline: the files wait until they are back)</source>
        <translation>
            <numerusform>（%n 人离线：文件会等他们上线后发送）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::SettingsDialog</name>
    <message>
        <source>Closing the main window keeps LanPigeon in the tray</source>
        <translation>关闭主窗口时最小化到托盘</translation>
    </message>
    <message>
        <source>Start minimized to the tray</source>
        <translation>启动时最小化到托盘</translation>
    </message>
    <message>
        <source>Settings — LanPigeon</source>
        <translation>设置 — 局域网信鸽</translation>
    </message>
    <message>
        <source>e.g. 10.1.2.255, 192.168.7.20</source>
        <translation>例如 10.1.2.255, 192.168.7.20</translation>
    </message>
    <message>
        <source>Simplified Chinese (GB18030, FeiQ)</source>
        <translation>简体中文 (GB18030，飞秋)</translation>
    </message>
    <message>
        <source>Japanese (CP932, IP Messenger)</source>
        <translation>日文 (CP932，IP Messenger)</translation>
    </message>
    <message>
        <source>UTF-8</source>
        <translation>UTF-8</translation>
    </message>
    <message>
        <source>Enter sends, Ctrl+Enter starts a new line</source>
        <translation>Enter 发送，Ctrl+Enter 换行</translation>
    </message>
    <message>
        <source>Ctrl+Enter sends, Enter starts a new line</source>
        <translation>Ctrl+Enter 发送，Enter 换行</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Nickname:</source>
        <translation>昵称：</translation>
    </message>
    <message>
        <source>Workgroup:</source>
        <translation>分组：</translation>
    </message>
    <message>
        <source>Download folder:</source>
        <translation>下载文件夹：</translation>
    </message>
    <message>
        <source>Other subnets and hosts:</source>
        <translation>其他网段和主机：</translation>
    </message>
    <message>
        <source>Encoding for older clients:</source>
        <translation>旧客户端的编码：</translation>
    </message>
    <message>
        <source>Sending:</source>
        <translation>发送方式：</translation>
    </message>
    <message>
        <source>Download folder</source>
        <translation>下载文件夹</translation>
    </message>
    <message>
        <source>Always ask</source>
        <translation>每次询问</translation>
    </message>
    <message>
        <source>From my workgroup</source>
        <translation>来自本分组的</translation>
    </message>
    <message>
        <source>From everyone</source>
        <translation>来自所有人的</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>any size</source>
        <translation>不限大小</translation>
    </message>
    <message>
        <source>an image, or empty for your initial</source>
        <translation>选一张图片，留空则显示名字首字</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Avatar:</source>
        <translation>头像：</translation>
    </message>
    <message>
        <source>Avatar</source>
        <translation>头像</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.svg)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.bmp *.svg)</translation>
    </message>
    <message>
        <source>up to</source>
        <translation>最大</translation>
    </message>
    <message>
        <source>Accept files without asking:</source>
        <translation>自动接收文件：</translation>
    </message>
    <message>
        <source>all networks</source>
        <translation>所有网络</translation>
    </message>
    <message>
        <source>Applies at once</source>
        <translation>立即生效</translation>
    </message>
    <message>
        <source>Applies when LanPigeon starts again</source>
        <translation>下次启动局域网信鸽时生效</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <source>Bind address:</source>
        <translation>绑定地址：</translation>
    </message>
    <message>
        <source>The bind address must be an IPv4 address of this computer, such as 192.168.1.20, or empty for all networks.</source>
        <translation>绑定地址必须是本机的 IPv4 地址，例如 192.168.1.20；留空表示所有网络。</translation>
    </message>
    <message>
        <source>This run: %1, from LANPIGEON_BIND</source>
        <translation>本次运行：%1，来自 LANPIGEON_BIND</translation>
    </message>
    <message>
        <source>Not an IPv4 address: %1.
Give addresses such as 10.1.2.255; names are not looked up.</source>
        <translation>不是 IPv4 地址：%1。
请填写 10.1.2.255 这样的地址；不会解析主机名。</translation>
    </message>
    <message>
        <source>Only send to peers who can encrypt</source>
        <translation>只发给支持加密的好友</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>隐私</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the fingerprint</source>
        <translation>复制指纹</translation>
    </message>
    <message>
        <source>Your key&apos;s fingerprint:</source>
        <translation>你的密钥指纹：</translation>
    </message>
    <message>
        <source>Read it aloud to someone who wants to verify your key; theirs is in the lock at the top of a chat.</source>
        <translation>想验证你密钥的人，可以听你念出这串指纹；对方的指纹在聊天窗口顶部的锁图标里。</translation>
    </message>
    <message>
        <source>Messages and files to peers that cannot encrypt (iptux, FeiQ) fail with an error instead of crossing the network in clear text.</source>
        <translation>发给不支持加密的好友（iptux、飞秋）的消息和文件会报错失败，而不会以明文在网络上传输。</translation>
    </message>
    <message>
        <source>(not ready yet: LanPigeon is starting)</source>
        <translation>（尚未就绪：局域网信鸽正在启动）</translation>
    </message>
    <message>
        <source>Show offline buddies I have talked to</source>
        <translation>显示聊过天的离线好友</translation>
    </message>
    <message>
        <source>Share my buddy list with hosts that ask</source>
        <translation>向请求的主机共享我的好友列表</translation>
    </message>
    <message>
        <source>e.g. 10.1.2.20, a host that shares its list</source>
        <translation>例如 10.1.2.20，一台共享好友列表的主机</translation>
    </message>
    <message>
        <source>Hosts on other subnets that ask (IP Messenger&apos;s host list) get the names and addresses of the people you see.</source>
        <translation>其他子网中发出请求的主机（IP Messenger 的主机列表）会得到你所看到的人的名字和地址。</translation>
    </message>
    <message>
        <source>Fetch the buddy list from host:</source>
        <translation>从此主机获取好友列表：</translation>
    </message>
    <message>
        <source>Start LanPigeon when I log in</source>
        <translation>登录时启动局域网信鸽</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::StartFailureDialog</name>
    <message>
        <source>&lt;b&gt;Port %1 is already in use by another program.&lt;/b&gt;&lt;br&gt;LanPigeon needs this port (UDP and TCP) to find people on the LAN and to talk to them. This may be another messenger such as IP Messenger, FeiQ or iptux, or LanPigeon running with another profile.&lt;br&gt;&lt;br&gt;Close that program and try again, or choose another port. Only people using the same port will see you; IP Messenger, FeiQ and iptux use 2425.</source>
        <translation>&lt;b&gt;端口 %1 已被其他程序占用。&lt;/b&gt;&lt;br&gt;局域网信鸽需要这个端口（UDP 和 TCP）来发现局域网上的人并与他们通信。占用它的可能是另一个聊天软件，例如 IP Messenger、飞秋或 iptux，也可能是用另一个配置运行的局域网信鸽。&lt;br&gt;&lt;br&gt;请关闭那个程序后重试，或者换一个端口。只有使用相同端口的人才能看到你；IP Messenger、飞秋和 iptux 使用 2425。</translation>
    </message>
    <message>
        <source>&lt;b&gt;The address %1 does not belong to this computer.&lt;/b&gt;&lt;br&gt;The network it was on may be gone, or the address was changed. Connect to that network and try again, or listen on all networks instead.</source>
        <translation>&lt;b&gt;地址 %1 不属于这台电脑。&lt;/b&gt;&lt;br&gt;它所在的网络可能已断开，或者地址已更改。请连接到那个网络后重试，或者改为在所有网络上监听。</translation>
    </message>
    <message>
        <source>&lt;b&gt;The chat history cannot be opened.&lt;/b&gt;&lt;br&gt;Check that the profile folder %1 exists, is writable and that the disk is not full.</source>
        <translation>&lt;b&gt;无法打开聊天记录。&lt;/b&gt;&lt;br&gt;请检查配置文件夹 %1 是否存在、是否可写，以及磁盘是否已满。</translation>
    </message>
    <message>
        <source>&lt;b&gt;LanPigeon cannot listen on %1.&lt;/b&gt;</source>
        <translation>&lt;b&gt;局域网信鸽无法在 %1 上监听。&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Listen on all networks instead</source>
        <translation>改为在所有网络上监听</translation>
    </message>
    <message>
        <source>LanPigeon cannot start</source>
        <translation>局域网信鸽无法启动</translation>
    </message>
    <message>
        <source>Details: %1</source>
        <translation>详细信息：%1</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Try with port:</source>
        <translation>改用端口：</translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::TftpPanel</name>
    <message>
        <source>Allow uploads (new files only)</source>
        <translation>允许上传（只能新建文件）</translation>
    </message>
    <message>
        <source>Start server</source>
        <translation>启动服务器</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <source>TFTP — LanPigeon</source>
        <translation>TFTP — 局域网信鸽</translation>
    </message>
    <message>
        <source>192.168.1.1 or 192.168.1.1:69</source>
        <translation>192.168.1.1 或 192.168.1.1:69</translation>
    </message>
    <message>
        <source>file name on the server</source>
        <translation>服务器上的文件名</translation>
    </message>
    <message>
        <source>from the path MTU</source>
        <translation>按路径 MTU 自动</translation>
    </message>
    <message>
        <source>RFC 7440 window: more blocks per acknowledgement, if the server supports it</source>
        <translation>RFC 7440 窗口：每次确认传多个块（需服务器支持）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>文件夹：</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <source>Server: serve a folder, read-only unless allowed</source>
        <translation>服务器：共享一个文件夹，默认只读</translation>
    </message>
    <message>
        <source>Get</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Put</source>
        <translation>上传</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>服务器：</translation>
    </message>
    <message>
        <source>Remote file:</source>
        <translation>远程文件：</translation>
    </message>
    <message>
        <source>Local file:</source>
        <translation>本地文件：</translation>
    </message>
    <message>
        <source>Block size:</source>
        <translation>块大小：</translation>
    </message>
    <message>
        <source>Window size:</source>
        <translation>窗口大小：</translation>
    </message>
    <message>
        <source>Client: get from or put to any TFTP server</source>
        <translation>客户端：从任意 TFTP 服务器下载或上传</translation>
    </message>
    <message>
        <source>Folder to serve</source>
        <translation>要共享的文件夹</translation>
    </message>
    <message>
        <source>Local file</source>
        <translation>本地文件</translation>
    </message>
    <message>
        <source>Stop server</source>
        <translation>停止服务器</translation>
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
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>⚠ Give a server address, a remote and a local file.</source>
        <translation>⚠ 请填写服务器地址、远程文件和本地文件。</translation>
    </message>
    <message>
        <source>Putting %1…</source>
        <translation>正在上传 %1…</translation>
    </message>
    <message>
        <source>Getting %1…</source>
        <translation>正在下载 %1…</translation>
    </message>
    <message>
        <source>Stop the server to change this.</source>
        <translation>请先停止服务器再修改此项。</translation>
    </message>
    <message>
        <source>✓ Serving on UDP port %1; uploads of new files allowed.</source>
        <translation>✓ 正在共享，UDP 端口 %1；允许上传新文件。</translation>
    </message>
    <message>
        <source>✓ Serving on UDP port %1, read-only.</source>
        <translation>✓ 正在共享，UDP 端口 %1，只读。</translation>
    </message>
    <message>
        <source>⚠ %1 is a folder. Give the name of the file to save into.</source>
        <translation>⚠ %1 是文件夹。请填写要保存到的文件名。</translation>
    </message>
    <message>
        <source>Replace %1?</source>
        <translation>替换 %1？</translation>
    </message>
    <message>
        <source>%1 already exists in %2. Getting %3 will replace it.</source>
        <translation>%2 中已有 %1。获取 %3 将替换它。</translation>
    </message>
    <message>
        <source>The file there now (%1) stays until the new one is complete, then it is gone.</source>
        <translation>现有文件（%1）会保留到新文件下载完成，之后将被替换。</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <source>Not fetched: %1 was kept.</source>
        <translation>未获取：已保留 %1。</translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::TransferDelegate</name>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source> · %1/s</source>
        <translation> · %1/秒</translation>
    </message>
    <message numerus="yes">
        <source> · %n s left</source>
        <translation>
            <numerusform> · 还剩 %n 秒</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %n min left</source>
        <translation>
            <numerusform> · 还剩 %n 分钟</numerusform>
        </translation>
    </message>
    <message>
        <source> · done</source>
        <translation> · 完成</translation>
    </message>
    <message>
        <source> · failed: %1</source>
        <translation> · 失败：%1</translation>
    </message>
    <message>
        <source> · cancelled</source>
        <translation> · 已取消</translation>
    </message>
    <message>
        <source> · waiting</source>
        <translation> · 等待中</translation>
    </message>
    <message>
        <source>to %1</source>
        <translation>发往 %1</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>来自 %1</translation>
    </message>
    <message>
        <source> · stalled, no data is coming</source>
        <translation> · 已停滞，没有数据传来</translation>
    </message>
    <message>
        <source> · retried below</source>
        <translation> · 已重试（见下方）</translation>
    </message>
    <message>
        <source> · cannot retry: no longer offered</source>
        <translation> · 无法重试：对方已不再提供</translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::TransfersWindow</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Open file</source>
        <translation>打开文件</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Hide finished</source>
        <translation>隐藏已完成</translation>
    </message>
    <message>
        <source>Transfers — LanPigeon</source>
        <translation>文件传输 — 局域网信鸽</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Stop the selected transfer (Delete)</source>
        <translation>停止所选传输（Delete 键）</translation>
    </message>
    <message>
        <source>Open the received or sent file (Enter, or double-click the row)</source>
        <translation>打开收到或发送的文件（回车，或双击该行）</translation>
    </message>
    <message>
        <source>%1 is no longer there: it was moved or deleted.</source>
        <translation>%1 已不在原处：已被移动或删除。</translation>
    </message>
    <message>
        <source>No program is set up to open this file.</source>
        <translation>没有设置可以打开此文件的程序。</translation>
    </message>
    <message>
        <source>No file manager is set up to open this folder.</source>
        <translation>没有设置可以打开此文件夹的文件管理器。</translation>
    </message>
    <message>
        <source>Cannot open</source>
        <translation>无法打开</translation>
    </message>
    <message>
        <source>Copy path</source>
        <translation>复制路径</translation>
    </message>
    <message>
        <source>Remove from list</source>
        <translation>从列表中移除</translation>
    </message>
    <message>
        <source>Show only transfers that are still running</source>
        <translation>只显示仍在进行的传输</translation>
    </message>
    <message>
        <source>Fetch a failed or cancelled download again, resuming where it stopped; or run a TFTP get or put again</source>
        <translation>重新下载失败或已取消的文件，从中断处继续；或重新执行 TFTP 下载或上传</translation>
    </message>
    <message>
        <source>This download cannot be retried: the sender no longer offers the file. Ask them to send it again.</source>
        <translation>此下载无法重试：发送方已不再提供该文件。请让对方重新发送。</translation>
    </message>
    <message>
        <source>Already retried: the new try is the row further down</source>
        <translation>已重试：新的尝试在下方的行中</translation>
    </message>
    <message>
        <source>The sender no longer offers this file</source>
        <translation>发送方已不再提供此文件</translation>
    </message>
    <message>
        <source>No transfers yet. Files you send or receive show here.</source>
        <translation>还没有传输。你发送或接收的文件会显示在这里。</translation>
    </message>
    <message>
        <source>No running transfers. Press &quot;Hide finished&quot; again to see the finished ones.</source>
        <translation>没有正在进行的传输。再次点击“隐藏已完成”可查看已完成的传输。</translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::TrayIcon</name>
    <message numerus="yes">
        <source>LanPigeon — %n unread message(s)</source>
        <translation>
            <numerusform>局域网信鸽 — %n 条未读消息</numerusform>
        </translation>
    </message>
    <message>
        <source>LanPigeon</source>
        <translation>局域网信鸽</translation>
    </message>
    <message>
        <source>Transfer finished</source>
        <translation>传输完成</translation>
    </message>
    <message>
        <source>%1 sent to %2</source>
        <translation>%1 已发送给 %2</translation>
    </message>
    <message>
        <source>%1 from %2</source>
        <translation>%1，来自 %2</translation>
    </message>
    <message>
        <source>Transfer failed</source>
        <translation>传输失败</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 及另外 %n 项</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>LanPigeon is already running</source>
        <translation>局域网信鸽已在运行</translation>
    </message>
    <message>
        <source>LanPigeon is already running with the profile %1, but it does not answer. End it (or log out and in again), then start LanPigeon again.</source>
        <translation>局域网信鸽已在使用配置 %1 运行，但没有响应。请结束它（或注销后重新登录），然后再启动局域网信鸽。</translation>
    </message>
</context>
</TS>
