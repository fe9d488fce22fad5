<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>lanpigeon::GroupedPeerModel</name>
    <message>
        <source>No workgroup</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 (%2 online)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>lanpigeon::ui::BubbleDelegate</name>
    <message>
        <source>sending…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>✓ delivered</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>✓✓ read</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>✗ not delivered — double-click to retry</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>lanpigeon::ui::BuddyDelegate</name>
    <message>
        <source>[busy] %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>[away] %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>lanpigeon::ui::ChatPage</name>
    <message>
        <source>📄 File</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Send files</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>📁 Folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Send a folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; &lt;span style='color:gray'&gt;— offline&lt;/span&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; &lt;span style='color:gray'&gt;%2@%3 (%4) · %5 · %6&lt;/span&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>no workgroup</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>📎 Offered: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Emoji</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>🔍 Search history</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Searching for “%1”…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No message contains “%1”.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n message(s) contain “%1” (clear the box to close):</source>
        <translation>
            <numerusform>%n message contains “%1” (clear the box to close):</numerusform><numerusform>%n messages contain “%1” (clear the box to close):</numerusform></translation>
    </message>
</context>
<context>
    <name>lanpigeon::ui::ChatWindow</name>
    <message>
        <source>Chat — LanPigeon</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 — LanPigeon</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>lanpigeon::ui::MainWindow</name>
    <message>
        <source>LanPigeon</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Search by name, group or IP</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>✉ Group</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>One message to every selected peer or workgroup</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>⇅ Transfers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>⛁ TFTP</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ask everyone on the LAN to say who they are</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Show LanPigeon</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Transfers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Select peers or a workgroup first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Group message</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>To %n peer(s):</source>
        <translation>
            <numerusform>To %n peer:</numerusform>
            <numerusform>To %n peers:</numerusform>
        </translation>
    </message>
    <message>
        <source>Transfer finished</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Transfer failed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>⚠ %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>LanPigeon cannot start</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Online on port %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>no workgroup</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>🟢 Online</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>🌙 Away</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>⛔ Busy</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Message for those who write to you:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>I'm away</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>I'm busy</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Sent to %n peer(s).</source>
        <translation>
            <numerusform>Sent to %n peer.</numerusform>
            <numerusform>Sent to %n peers.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 says</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Receiving files from %1…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 sends you files</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Chat</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Send files…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Send a folder…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Peer info</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Message the whole workgroup…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>To everyone selected:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Send files to the workgroup…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Send a folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Send files</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Nickname: %1
User: %2
Host: %3
Address: %4:%5
Workgroup: %6
Client: %7</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Saved. Nickname, workgroup, port and language apply at the next start.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>lanpigeon::ui::MessageInput</name>
    <message>
        <source>Type a message; drop files here to send them</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>lanpigeon::ui::OfferCard</name>
    <message>
        <source>&amp;Accept</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Save as…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Reject</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open folder</source>
        <translation type="unfinished" />
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
        <translation type="unfinished" />
    </message>
    <message>
        <source>Receiving into %1…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rejected.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>⚠ %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>✓ Saved to %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>lanpigeon::ui::SettingsDialog</name>
    <message>
        <source>Closing the main window keeps LanPigeon in the tray</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Start minimized to the tray</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Settings — LanPigeon</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>e.g. 10.1.2.255, 192.168.7.20</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Simplified Chinese (GB18030, FeiQ)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Japanese (CP932, IP Messenger)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>UTF-8</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Enter sends, Ctrl+Enter starts a new line</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ctrl+Enter sends, Enter starts a new line</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Same as the system</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Nickname:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Workgroup:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Download folder:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Other subnets and hosts:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Encoding for older clients:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Port (needs a restart):</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Sending:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Language (needs a restart):</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Download folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Always ask</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>From my workgroup</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>From everyone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> MiB</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>any size</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>an image, or empty for your initial</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Avatar:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Avatar</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.svg)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>up to</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Accept files without asking:</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>lanpigeon::ui::TftpPanel</name>
    <message>
        <source>Allow uploads (new files only)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Start server</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Stopped.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>TFTP — LanPigeon</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>192.168.1.1 or 192.168.1.1:69</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>file name on the server</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>from the path MTU</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>RFC 7440 window: more blocks per acknowledgement, if the server supports it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Folder:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Port:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Server: serve a folder, read-only unless allowed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Get</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Put</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Server:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Remote file:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Local file:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Block size:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Window size:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Client: get from or put to any TFTP server</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Folder to serve</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Local file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Stop server</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>✓ Serving %1 on UDP port %2.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>⚠ %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>✓ %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>⚠ Give a server address, a remote and a local file.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Putting %1…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Getting %1…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>lanpigeon::ui::TransferDelegate</name>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> · %1/s</source>
        <translation type="unfinished" />
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
        <translation type="unfinished" />
    </message>
    <message>
        <source> · failed: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> · cancelled</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> · waiting</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>to %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>from %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>lanpigeon::ui::TransfersWindow</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Hide finished</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Transfers — LanPigeon</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Fetch a failed or cancelled download again, resuming where it stopped</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This download cannot be retried: the sender no longer offers the file.</source>
        <translation type="unfinished" />
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
        <translation type="unfinished" />
    </message>
</context>
</TS>