export * from './tour.enums';
export * from './entities/study-tour.entity';
export * from './entities/tour-signup.entity';
export * from './services/study-tours.service';
export * from './tours.module';
export * from './services/check-in-code';
