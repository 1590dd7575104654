// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

namespace capaudit {

// Bundles come from vendors who may be hostile: every count and size is bounded before anything is trusted.
struct ArchiveLimits {
    qint64 maxEntries = 10000; // headers in an archive, or files + directories in a directory bundle
    qint64 maxEntryBytes = 8LL << 30;
    qint64 maxTotalBytes = 16LL << 30;
    // Total uncompressed bytes / archive file size. Checked against each entry's declared size before any of it is
    // written (libarchive exposes no per-entry compressed size, so the declared size is charged to the whole
    // archive's budget), and again while streaming, because declared sizes can lie.
    double maxCompressionRatio = 250.0;
};

} // namespace capaudit
