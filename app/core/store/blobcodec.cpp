// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/blobcodec.h"

#include <memory>
#include <zstd.h>

namespace capaudit::blobcodec {

namespace {

struct CCtxFree {
    void operator()(ZSTD_CCtx* c) const
    {
        ZSTD_freeCCtx(c);
    }
};
struct DCtxFree {
    void operator()(ZSTD_DCtx* d) const
    {
        ZSTD_freeDCtx(d);
    }
};

// Contexts are reused per thread: creating one per 1 MiB chunk would cost more than compressing it.
ZSTD_CCtx* compressor()
{
    thread_local std::unique_ptr<ZSTD_CCtx, CCtxFree> ctx;
    if (!ctx) {
        ctx.reset(ZSTD_createCCtx());
        if (!ctx)
            return nullptr;
        // The content checksum lets a damaged chunk be named as such, before the blob's SHA-256 is compared;
        // the content size in the header is what the reader checks against the stored raw length.
        if (ZSTD_isError(ZSTD_CCtx_setParameter(ctx.get(), ZSTD_c_compressionLevel, kLevel))
            || ZSTD_isError(ZSTD_CCtx_setParameter(ctx.get(), ZSTD_c_checksumFlag, 1))
            || ZSTD_isError(ZSTD_CCtx_setParameter(ctx.get(), ZSTD_c_contentSizeFlag, 1)))
            ctx.reset();
    }
    return ctx.get();
}

ZSTD_DCtx* decompressor()
{
    thread_local std::unique_ptr<ZSTD_DCtx, DCtxFree> ctx;
    if (!ctx) {
        ctx.reset(ZSTD_createDCtx());
        // Our frames never need a window beyond the chunk size; refuse frames that ask for more.
        if (ctx && ZSTD_isError(ZSTD_DCtx_setParameter(ctx.get(), ZSTD_d_windowLogMax, 20)))
            ctx.reset();
    }
    return ctx.get();
}

QString zstdReason(size_t code)
{
    return QString::fromLatin1(ZSTD_getErrorName(code));
}

} // namespace

StoredChunk encode(QByteArray raw)
{
    StoredChunk out;
    out.rawSize = raw.size();
    ZSTD_CCtx* ctx = raw.size() <= kMaxChunk ? compressor() : nullptr;
    if (ctx && !raw.isEmpty()) {
        // Bounded by the raw size: a frame that would not be smaller is not worth keeping, and zstd stops early.
        QByteArray packed(raw.size(), Qt::Uninitialized);
        const size_t n = ZSTD_compress2(ctx, packed.data(), size_t(packed.size()), raw.constData(), size_t(raw.size()));
        if (!ZSTD_isError(n) && qsizetype(n) < raw.size()) {
            packed.truncate(qsizetype(n));
            out.codec = Codec::Zstd;
            out.bytes = std::move(packed);
            return out;
        }
        ZSTD_CCtx_reset(ctx, ZSTD_reset_session_only);
    }
    out.bytes = std::move(raw);
    return out;
}

Result<QByteArrayView> decode(QByteArrayView bytes, qint64 codec, std::optional<qint64> rawSize, QByteArray& scratch)
{
    QByteArray& out = scratch;
    if (codec == qint64(Codec::Raw)) {
        if (bytes.size() > kMaxChunk)
            return Error(QStringLiteral("raw chunk of %1 bytes (at most %2)").arg(bytes.size()).arg(kMaxChunk));
        if (rawSize && *rawSize != bytes.size())
            return Error(QStringLiteral("raw chunk of %1 bytes recorded as %2 bytes").arg(bytes.size()).arg(*rawSize));
        return bytes;
    }
    if (codec != qint64(Codec::Zstd))
        return Error(QStringLiteral("unknown codec %1").arg(codec));
    if (!rawSize || *rawSize < 0 || *rawSize > kMaxChunk)
        return Error(QStringLiteral("compressed chunk with an invalid raw length %1 (at most %2)")
                         .arg(rawSize ? QString::number(*rawSize) : QStringLiteral("NULL"))
                         .arg(kMaxChunk));
    // The frame must say how large it is, say the recorded length, and be exactly the stored bytes.
    const unsigned long long declared = ZSTD_getFrameContentSize(bytes.data(), size_t(bytes.size()));
    if (declared == ZSTD_CONTENTSIZE_ERROR)
        return Error(QStringLiteral("not a zstd frame, or its header is truncated"));
    if (declared == ZSTD_CONTENTSIZE_UNKNOWN || declared != static_cast<unsigned long long>(*rawSize))
        return Error(QStringLiteral("zstd frame declares %1 bytes, the row records %2")
                         .arg(declared == ZSTD_CONTENTSIZE_UNKNOWN ? QStringLiteral("an unknown number of")
                                                                   : QString::number(declared))
                         .arg(*rawSize));
    const size_t frame = ZSTD_findFrameCompressedSize(bytes.data(), size_t(bytes.size()));
    if (ZSTD_isError(frame))
        return Error(QStringLiteral("truncated or corrupt zstd frame: %1").arg(zstdReason(frame)));
    if (frame != size_t(bytes.size()))
        return Error(QStringLiteral("%1 bytes after the zstd frame").arg(bytes.size() - qsizetype(frame)));
    ZSTD_DCtx* ctx = decompressor();
    if (!ctx)
        return Error(QStringLiteral("cannot create a zstd decompression context"));
    out.resize(qsizetype(*rawSize));
    const size_t n = ZSTD_decompressDCtx(ctx, out.data(), size_t(out.size()), bytes.data(), size_t(bytes.size()));
    if (ZSTD_isError(n)) {
        ZSTD_DCtx_reset(ctx, ZSTD_reset_session_only);
        out.clear();
        return Error(QStringLiteral("corrupt zstd frame: %1").arg(zstdReason(n)));
    }
    if (n != size_t(*rawSize)) {
        out.clear();
        return Error(QStringLiteral("zstd frame holds %1 bytes, the row records %2").arg(n).arg(*rawSize));
    }
    return QByteArrayView(out);
}

} // namespace capaudit::blobcodec
