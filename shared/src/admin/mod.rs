//! Administration of the consortium: sharing agreements between forces (and, in `forces`, the forces
//! themselves).

pub mod agreements;
