#include "crypto/ctrstream.h"
