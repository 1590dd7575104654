// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/migprofiles.h"

namespace capaudit {

namespace {

struct MigProfile {
    const char* name;
    int slices; // compute slices of the instance
    int gpuSlices; // compute slices of the whole GPU
};

// From NVIDIA's MIG user guide, "Supported MIG Profiles" (A30, A100 40/80 GB, H100 80/94/96 GB, H200, B200).
constexpr MigProfile kProfiles[] = {
    // A30 24 GB: four slices.
    { "1g.6gb", 1, 4 },
    { "2g.12gb", 2, 4 },
    { "4g.24gb", 4, 4 },
    // A100 40 GB.
    { "1g.5gb", 1, 7 },
    { "1g.10gb", 1, 7 },
    { "2g.10gb", 2, 7 },
    { "3g.20gb", 3, 7 },
    { "4g.20gb", 4, 7 },
    { "7g.40gb", 7, 7 },
    // A100 80 GB, H100 80 GB (1g.10gb shared with A100 40 GB: one slice of seven either way).
    { "1g.20gb", 1, 7 },
    { "2g.20gb", 2, 7 },
    { "3g.40gb", 3, 7 },
    { "4g.40gb", 4, 7 },
    { "7g.80gb", 7, 7 },
    // H100 94 GB (NVL) and 96 GB (GH200).
    { "1g.12gb", 1, 7 },
    { "1g.24gb", 1, 7 },
    { "2g.24gb", 2, 7 },
    { "3g.47gb", 3, 7 },
    { "4g.47gb", 4, 7 },
    { "7g.94gb", 7, 7 },
    { "3g.48gb", 3, 7 },
    { "4g.48gb", 4, 7 },
    { "7g.96gb", 7, 7 },
    // H200 141 GB.
    { "1g.18gb", 1, 7 },
    { "1g.35gb", 1, 7 },
    { "2g.35gb", 2, 7 },
    { "3g.71gb", 3, 7 },
    { "4g.71gb", 4, 7 },
    { "7g.141gb", 7, 7 },
    // B200 180 GB.
    { "1g.23gb", 1, 7 },
    { "1g.45gb", 1, 7 },
    { "2g.45gb", 2, 7 },
    { "3g.90gb", 3, 7 },
    { "4g.90gb", 4, 7 },
    { "7g.180gb", 7, 7 },
};

} // namespace

std::optional<double> migGpuFraction(QStringView profile)
{
    const qsizetype plus = profile.indexOf(QLatin1Char('+'));
    const QStringView base = plus < 0 ? profile : profile.first(plus);
    for (const MigProfile& p : kProfiles) {
        if (base == QLatin1StringView(p.name))
            return static_cast<double>(p.slices) / p.gpuSlices;
    }
    return std::nullopt;
}

QStringList migProfiles()
{
    QStringList out;
    for (const MigProfile& p : kProfiles)
        out.append(QLatin1StringView(p.name));
    return out;
}

QString migResourceName(const QString& profile)
{
    QString out = QStringLiteral("nvidia_com_mig_") + profile;
    out.replace(QLatin1Char('.'), QLatin1Char('_')).replace(QLatin1Char('+'), QLatin1Char('_'));
    return out;
}

} // namespace capaudit
