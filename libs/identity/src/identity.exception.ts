import { BadUserInputException, ConflictException } from '@qinglian/common';

export class UnitCycleException extends BadUserInputException {
  constructor() {
    super('newParentId: a unit cannot be moved under itself or one of its own subunits', [
      { field: 'newParentId', message: 'is the unit itself or one of its subunits' },
    ]);
  }
}

export class DuplicateUnitNameException extends ConflictException {
  constructor(name: string) {
    super(`A unit named "${name}" already exists at this place in the tree`, { field: 'name' });
  }
}

export class DuplicateLoginException extends ConflictException {
  constructor(field: 'phone' | 'email', value: string) {
    super(`Another user already signs in with ${field} ${value}`, { field });
  }
}
