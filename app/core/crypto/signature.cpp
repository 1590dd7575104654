// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/signature.h"
