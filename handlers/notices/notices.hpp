// Broadcast notices (通知) with acknowledgement tracking (收到请回复): the entry points dispatch uses.
#pragma once

#include "handlers/notices/acknowledgements.hpp"
#include "handlers/notices/notice_commands.hpp"
