// SPDX-License-Identifier: GPL-3.0-or-later
// Archive extraction (tar, tar.gz, zip; the format is chosen from the input's magic bytes, as a file name would).
// Properties: every file an opened bundle lists lies inside its root, reads back, and its SHA-256 computed while
// extracting equals the SHA-256 of the bytes read back (what is verified is what is imported).
#include "archive/bundlesource.h"
#include "crypto/digest.h"
#include "fuzzsupport.h"

#include <QFileInfo>

using namespace capaudit;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    const QString name = input.startsWith("\x1f\x8b") ? QStringLiteral("input.tar.gz")
        : input.startsWith("PK")                      ? QStringLiteral("input.zip")
                                                      : QStringLiteral("input.tar");
    const QString path = fuzz::writeScratch(name, input);
    ArchiveLimits limits;
    limits.maxEntryBytes = 4 << 20; // keeps a fuzzing run from filling the disk; the ratio limit still applies
    limits.maxTotalBytes = 8 << 20;
    const Result<BundleSource> source = BundleSource::open(path, limits);
    if (!source.ok())
        return 0;
    const QString root = QFileInfo(source->root()).canonicalFilePath() + QLatin1Char('/');
    for (const QString& file : source->files()) {
        const QString absolute = QFileInfo(source->absolutePath(file)).canonicalFilePath();
        if (!absolute.startsWith(root))
            fuzz::fail("extracted file outside the bundle root", file + QStringLiteral(" -> ") + absolute);
        const Result<QByteArray> content = source->readFile(file);
        if (!content.ok())
            fuzz::fail("listed file does not read back", content.error().toString());
        const Result<QByteArray> digest = source->sha256(file);
        if (!digest.ok() || *digest != crypto::sha256(*content))
            fuzz::fail("extraction digest differs from the bytes read back", file);
    }
    return 0;
}
