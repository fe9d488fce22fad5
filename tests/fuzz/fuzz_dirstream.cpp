// libFuzzer target: the folder stream parser (split at a fuzzed point), file lists and requests.
#include "ipmsg/dirstreamparser.h"
#include "ipmsg/filelistcodec.h"

#include <cstdint>
#include <cstdlib>

using namespace lanpigeon::ipmsg;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *bytes = reinterpret_cast<const char *>(data);
    const qsizetype n = qsizetype(size);
    // The same stream fed whole and in two pieces must give the same events.
    auto digest = [&](qsizetype cut) {
        DirStreamParser p;
        quint64 sum = 0;
        auto sink = [&](const DirStreamParser::Event &e) {
            sum = sum * 31 + quint64(e.kind) + quint64(e.length) + e.size + quint64(e.name.size());
            if (e.kind == DirStreamParser::Kind::FileData)
                for (qsizetype i = 0; i < e.length; ++i)
                    sum = sum * 131 + quint8(e.data[i]);
            return true;
        };
        const bool ok = p.feed(bytes, cut, sink) && p.feed(bytes + cut, n - cut, sink);
        if (p.depth() > DirStreamParser::MaxDepth)
            std::abort();
        return std::make_pair(ok, sum);
    };
    const auto whole = digest(n);
    const auto split = digest(n == 0 ? 0 : qsizetype(data[0]) % (n + 1));
    if (whole != split)
        std::abort();

    const QByteArray raw = QByteArray::fromRawData(bytes, n);
    if (const auto files = parseFileList(raw)) {
        const auto again = parseFileList(buildFileList(*files));
        if (!again || again->size() != files->size())
            std::abort();
    }
    parseFileRequest(raw);
    return 0;
}
