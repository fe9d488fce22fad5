#include "crypto/cryptocodec.h"
