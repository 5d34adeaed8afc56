#pragma once

#include "export/DataTable.h"
#include "query/ResponseFilter.h"

namespace nps {

class Database;

// People to contact for a targeted follow-up (passives: "what one thing would
// make it a 10?"), a referral or case-study list (promoters), or recovery
// (detractors): each respondent once, with their latest answer in the group,
// its comment, whether it is starred (a quote kept for a case study) and its tags.
// Personal data: only ever written where the user asks.
DataTable contactList(const Database &db, const QString &group, const ResponseFilter &filter);

} // namespace nps
