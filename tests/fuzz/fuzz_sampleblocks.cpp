// SPDX-License-Identifier: GPL-3.0-or-later
// A stored sample block (schema 8) is bytes from the case file, which the audited party may have written: the decoder
// must refuse anything that is not a block of exactly the rows its row says, without reading or allocating past what
// the block holds. Property: a block that decodes encodes again to a block that decodes to the same values, bit for
// bit (so what verify-case re-derives from a block is a function of its values, not of how they were written).
// Input: the bundle id (1 byte), the first seq (2 bytes), the row count - 1 (2 bytes, mod 8192), then the raw block.
#include "fuzzsupport.h"
#include "store/sampleblocks.h"

#include <cstring>

using namespace capaudit;

namespace {

quint64 bitsOf(double v)
{
    quint64 bits;
    std::memcpy(&bits, &v, sizeof bits);
    return bits;
}

bool same(const StoredSample& a, const StoredSample& b)
{
    return a.seq == b.seq && a.payload == b.payload && a.line == b.line && a.time == b.time && a.provider == b.provider
        && a.node == b.node && a.resource == b.resource && a.tenant == b.tenant && a.state == b.state
        && bitsOf(a.allocated) == bitsOf(b.allocated) && bitsOf(a.used) == bitsOf(b.used)
        && bitsOf(a.capacity) == bitsOf(b.capacity);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    fuzz::Input in(data, size);
    const qint64 bundle = in.byte();
    const qint64 first = (qint64(in.byte()) << 8) | in.byte();
    const qint64 rows = (((qint64(in.byte()) << 8) | in.byte()) % sampleblocks::kMaxRows) + 1;
    const QByteArray raw = in.rest();
    std::vector<StoredSample> decoded;
    const Status status = sampleblocks::decode(raw, bundle, first, first + rows - 1, decoded);
    if (!status.ok()) {
        if (status.error().reason.isEmpty())
            fuzz::fail("a refused block gives no reason");
        return 0;
    }
    if (qint64(decoded.size()) != rows)
        fuzz::fail("a block decoded to another number of rows", QString::number(decoded.size()));
    for (size_t i = 0; i < decoded.size(); ++i) {
        if (decoded[i].seq != first + qint64(i))
            fuzz::fail("a decoded row has the wrong seq");
        for (double v : { decoded[i].allocated, decoded[i].used, decoded[i].capacity })
            if (std::isnan(v) && bitsOf(v) != bitsOf(kMissing))
                fuzz::fail("a NaN other than the missing value was handed out");
    }
    const blobcodec::StoredChunk again = sampleblocks::encode(bundle, decoded);
    QByteArray scratch;
    Result<QByteArrayView> rawAgain = blobcodec::decode(again.bytes, qint64(again.codec), again.rawSize, scratch);
    if (!rawAgain.ok())
        fuzz::fail("a re-encoded block does not decompress", rawAgain.error().reason);
    std::vector<StoredSample> back;
    if (Status s = sampleblocks::decode(*rawAgain, bundle, first, first + rows - 1, back); !s.ok())
        fuzz::fail("a re-encoded block is refused", s.error().reason);
    for (size_t i = 0; i < decoded.size(); ++i)
        if (!same(decoded[i], back[i]))
            fuzz::fail("a re-encoded block decodes to other values", QString::number(i));
    return 0;
}
