module causeway/contracts

go 1.21
