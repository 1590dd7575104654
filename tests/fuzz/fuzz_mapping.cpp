// SPDX-License-Identifier: GPL-3.0-or-later
// Metric mapping files (a bundle's payload.mapping, docs/formats.md). Property: a mapping file that loads also loads
// combined with each built-in profile (MappingSet::forPayload, as the importer uses it) and adds exactly its own
// mappings to the profile's.
#include "fuzzsupport.h"
#include "ingest/metricmapping.h"

using namespace capaudit;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray bytes = fuzz::bytes(data, size);
    const Result<MappingSet> mapping = MappingSet::fromJsonBytes(bytes, QStringLiteral("data/mapping.json"));
    if (!mapping.ok())
        return 0;
    for (const QString& profile : MappingSet::builtinProfileNames()) {
        const Result<MappingSet> builtin = MappingSet::builtinProfile(profile);
        const Result<MappingSet> combined = MappingSet::forPayload(profile, bytes, QStringLiteral("data/mapping.json"));
        if (!builtin.ok() || !combined.ok())
            fuzz::fail("a mapping file that loads alone fails with a built-in profile", profile);
        if (combined->mappings().size() != builtin->mappings().size() + mapping->mappings().size())
            fuzz::fail("profile + mapping file does not hold both sets of mappings", profile);
    }
    return 0;
}
