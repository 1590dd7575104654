// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/sampleblocks.h"

#include <cstring>

namespace capaudit::sampleblocks {

namespace {

constexpr int kIntColumns = 8; // payload line time provider node resource tenant state
constexpr int kRealColumns = 3; // allocated used capacity

qint64 StoredSample::*const kInts[kIntColumns] = { &StoredSample::payload, &StoredSample::line, &StoredSample::time,
    &StoredSample::provider, &StoredSample::node, &StoredSample::resource, &StoredSample::tenant,
    &StoredSample::state };
double StoredSample::*const kReals[kRealColumns] = { &StoredSample::allocated, &StoredSample::used,
    &StoredSample::capacity };

void putVarint(QByteArray& out, quint64 v)
{
    while (v >= 0x80) {
        out.append(char(v | 0x80));
        v >>= 7;
    }
    out.append(char(v));
}

quint64 zigzag(qint64 v)
{
    return (quint64(v) << 1) ^ quint64(v >> 63);
}

qint64 unzigzag(quint64 v)
{
    return qint64(v >> 1) ^ -qint64(v & 1);
}

quint64 bitsOf(double v)
{
    if (isMissing(v))
        v = kMissing; // one NaN: the row layout stored every NaN as NULL
    quint64 bits;
    std::memcpy(&bits, &v, sizeof bits);
    return bits;
}

class Reader {
public:
    explicit Reader(QByteArrayView bytes)
        : m_p(reinterpret_cast<const quint8*>(bytes.data()))
        , m_end(m_p + bytes.size())
    {
    }
    bool varint(quint64& v)
    {
        v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (m_p == m_end)
                return false;
            const quint8 b = *m_p++;
            if (shift == 63 && b > 1)
                return false;
            v |= quint64(b & 0x7f) << shift;
            if (!(b & 0x80))
                return true;
        }
        return false;
    }
    const quint8* take(size_t n)
    {
        if (size_t(m_end - m_p) < n)
            return nullptr;
        const quint8* at = m_p;
        m_p += n;
        return at;
    }
    bool atEnd() const
    {
        return m_p == m_end;
    }

private:
    const quint8* m_p;
    const quint8* m_end;
};

} // namespace

blobcodec::StoredChunk encode(qint64 bundle, std::span<const StoredSample> rows)
{
    Q_ASSERT(!rows.empty() && qint64(rows.size()) <= kMaxRows);
    QByteArray raw;
    raw.reserve(qsizetype(rows.size()) * (kIntColumns * 2 + kRealColumns * 8) + 32);
    raw.append(char(kFormat));
    putVarint(raw, zigzag(bundle));
    putVarint(raw, zigzag(rows.front().seq));
    putVarint(raw, rows.size());
    // Column by column, each value as the difference to the one above it: times repeat within a scrape and rise by
    // the step, lines rise by one, ids repeat — most values become one byte, and zstd removes the rest of the
    // repetition.
    for (qint64 StoredSample::*column : kInts) {
        qint64 previous = 0;
        for (const StoredSample& s : rows) {
            putVarint(raw, zigzag(qint64(quint64(s.*column) - quint64(previous))));
            previous = s.*column;
        }
    }
    // Quantities byte-shuffled (all first bytes, then all second bytes …): the sign, exponent and high mantissa bytes
    // of neighbouring values are alike, which zstd compresses well; the bits are kept exactly.
    const qsizetype n = qsizetype(rows.size());
    for (double StoredSample::*column : kReals) {
        const qsizetype at = raw.size();
        raw.resize(at + n * 8);
        char* out = raw.data() + at;
        for (qsizetype i = 0; i < n; ++i) {
            const quint64 bits = bitsOf(rows[size_t(i)].*column);
            for (int b = 0; b < 8; ++b)
                out[b * n + i] = char(bits >> (8 * b));
        }
    }
    return blobcodec::encode(std::move(raw));
}

Status decode(QByteArrayView raw, qint64 bundle, qint64 firstSeq, qint64 lastSeq, std::vector<StoredSample>& out)
{
    out.clear();
    Reader in(raw);
    const quint8* format = in.take(1);
    if (!format || *format != kFormat)
        return Error(QStringLiteral("unknown block format %1").arg(format ? int(*format) : -1));
    quint64 b = 0, seq = 0, rows = 0;
    if (!in.varint(b) || !in.varint(seq) || !in.varint(rows))
        return Error(QStringLiteral("block header cut short"));
    if (unzigzag(b) != bundle)
        return Error(QStringLiteral("the block says it belongs to bundle %1").arg(unzigzag(b)));
    if (unzigzag(seq) != firstSeq)
        return Error(QStringLiteral("the block says it starts at seq %1").arg(unzigzag(seq)));
    if (rows == 0 || rows > quint64(kMaxRows) || lastSeq - firstSeq + 1 != qint64(rows))
        return Error(QStringLiteral("the block holds %1 rows where its row says seqs %2..%3")
                         .arg(rows)
                         .arg(firstSeq)
                         .arg(lastSeq));
    out.resize(size_t(rows));
    for (size_t i = 0; i < out.size(); ++i)
        out[i].seq = firstSeq + qint64(i);
    for (int c = 0; c < kIntColumns; ++c) {
        quint64 previous = 0;
        for (StoredSample& s : out) {
            quint64 v = 0;
            if (!in.varint(v))
                return Error(QStringLiteral("column %1 cut short").arg(c));
            previous += quint64(unzigzag(v));
            s.*kInts[c] = qint64(previous);
        }
    }
    const size_t n = out.size();
    for (double StoredSample::*column : kReals) {
        const quint8* planes = in.take(n * 8);
        if (!planes)
            return Error(QStringLiteral("quantities cut short"));
        for (size_t i = 0; i < n; ++i) {
            quint64 bits = 0;
            for (int k = 0; k < 8; ++k)
                bits |= quint64(planes[size_t(k) * n + i]) << (8 * k);
            double v;
            std::memcpy(&v, &bits, sizeof v);
            out[i].*column = isMissing(v) ? kMissing : v;
        }
    }
    if (!in.atEnd())
        return Error(QStringLiteral("bytes after the last column"));
    return {};
}

} // namespace capaudit::sampleblocks
