// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

#include <optional>

namespace capaudit {

// The share of one physical GPU that a MIG (Multi-Instance GPU) instance of PROFILE is: its compute slices over the
// GPU's slices (7 on A100, H100, H200, B200; 4 on A30). PROFILE is dcgm-exporter's GPU_I_PROFILE value ("1g.10gb",
// "3g.40gb", "1g.10gb+me"; the "+me"/"+gfx" media and graphics extensions do not change the compute share).
// nullopt for a profile not in the table (docs/formats.md lists it): a guess would misstate capacity.
std::optional<double> migGpuFraction(QStringView profile);
QStringList migProfiles(); // the table's profiles, without suffixes

// kube-state-metrics' sanitised resource name for a MIG profile: nvidia.com/mig-1g.10gb -> nvidia_com_mig_1g_10gb.
QString migResourceName(const QString& profile);

} // namespace capaudit
